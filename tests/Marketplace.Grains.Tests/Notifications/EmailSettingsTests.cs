using System.Buffers.Text;
using System.Security.Cryptography;
using Marketplace.Contracts.Notifications;
using MimeKit;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// Which notices are emailed as the person chose: contest activity one by one (the default, with a one-click
/// unsubscribe), in one daily summary, or not at all; everything else always, with no unsubscribe. The emails are the
/// .eml files the silo wrote.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailSettingsTests(ClusterFixture fixture)
{
    private const string Summary = "Your daily summary";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task By_default_a_new_entry_is_emailed_alone_with_one_click_unsubscribe_headers_and_a_payment_without_them()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        Assert.Equal(ContestActivityEmail.Each, (await Grains.InboxOf(buyer).GetEmailSettingsAsync(buyer)).ContestActivity);

        await fixture.SubmitAsync(creative, project.Id);
        await Grains.InboxOf(buyer).AddAsync(Actor.System, Notice(NotificationKinds.Paid, "Payment of $350 for “A logo” was released."));

        // The project's own payment notice came first: money, so no unsubscribe either.
        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: 3);
        Assert.Null(Assert.Single(mail, m => m.Subject?.StartsWith("Payment received", StringComparison.Ordinal) == true).Headers[HeaderId.ListUnsubscribe]);
        var entry = Assert.Single(mail, m => m.Subject?.Contains("submitted entry #1", StringComparison.Ordinal) == true);
        var unsubscribe = UnsubscribeUrlOf(entry);
        Assert.StartsWith("http://localhost:5080/unsubscribe/", unsubscribe, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", entry.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("Stop emails about contest activity (one click): " + unsubscribe, entry.TextBody, StringComparison.Ordinal);

        var paid = Assert.Single(mail, m => m.Subject?.StartsWith("Payment of $350", StringComparison.Ordinal) == true);
        Assert.Null(paid.Headers[HeaderId.ListUnsubscribe]);
        Assert.Null(paid.Headers["List-Unsubscribe-Post"]);
        Assert.DoesNotContain("/unsubscribe/", paid.TextBody, StringComparison.Ordinal);
        Assert.Contains("always come. Your email settings: http://localhost:5080/account/emails", paid.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_email_for_contest_activity_a_new_entry_stays_on_the_site_and_a_time_to_choose_is_still_emailed()
    {
        var buyer = await Grains.BuyerAsync();
        var inbox = Grains.InboxOf(buyer);
        await inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.None));

        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.EntrySubmitted, "Cora Creative submitted an entry to “A logo”."));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.TimeToChoose, "Entries to “A logo” closed with 1 entry to choose from."));

        // Emails go out oldest first on one timer, so once the later one is there the earlier one would be too.
        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer));
        Assert.StartsWith("Entries to “A logo” closed", Assert.Single(mail).Subject, StringComparison.Ordinal);
        Assert.Equal([NotificationKinds.TimeToChoose, NotificationKinds.EntrySubmitted], (await Grains.NoticesAsync(buyer)).Select(n => n.Kind));
    }

    [Fact]
    public async Task The_daily_summary_goes_out_once_at_the_hour_with_the_unread_notices_newest_first_by_project()
    {
        var creative = await Grains.CreativeAsync();
        var inbox = Grains.InboxOf(creative);
        await inbox.SetEmailSettingsAsync(creative, new EmailSettings(ContestActivityEmail.Daily));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.Rated, "Bea Buyer rated your entry to “Bakery logo” 3 of 5 stars."));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.Comment, "Bea Buyer commented on your entry to “Bakery logo”: “Warmer, please.”"));
        var read = Notice(NotificationKinds.Rated, "Dan Buyer rated your entry to “Bike shop sign” 2 of 5 stars.");
        await inbox.AddAsync(Actor.System, read);
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.Declined, "Dan Buyer declined your entry to “Bike shop sign”."));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.Paid, "Payment for “Tea label” was released."));
        await inbox.MarkReadAsync(creative, [read.Id]);

        // Before the hour nothing is summarised; the payment went at once.
        await inbox.SendDueSummaryAsync(Actor.System);
        var paid = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(creative)));
        Assert.StartsWith("Payment for", paid.Subject, StringComparison.Ordinal);

        fixture.Clock.SetUtcNow(NextSummaryHour(fixture.Clock.GetUtcNow()) + TimeSpan.FromMinutes(1));
        await inbox.SendDueSummaryAsync(Actor.System);
        await inbox.SendDueSummaryAsync(Actor.System);

        var summary = Assert.Single(SummariesTo(creative));
        Assert.Equal("Your daily summary: 3 updates from 2 projects", summary.Subject);
        Assert.NotNull(summary.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", summary.Headers["List-Unsubscribe-Post"]);
        var body = summary.TextBody ?? "";
        Assert.DoesNotContain("2 of 5 stars", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Tea label", body, StringComparison.Ordinal);
        Assert.Contains("Anything you already read on the site is left out.", body, StringComparison.Ordinal);
        int At(string text) => body.IndexOf(text, StringComparison.Ordinal);
        Assert.True(At("\n“Bike shop sign”\n") < At("declined your entry") && At("declined your entry") < At("\n“Bakery logo”\n")
            && At("\n“Bakery logo”\n") < At("“Warmer, please.”") && At("“Warmer, please.”") < At("3 of 5 stars"), body);
        Assert.Contains("  http://localhost:5080/entries/e-1\n", body, StringComparison.Ordinal);

        // The next day, with nothing new, nothing is sent.
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await inbox.SendDueSummaryAsync(Actor.System);
        Assert.Single(SummariesTo(creative));
    }

    [Fact]
    public async Task A_summary_lists_fifty_notices_then_says_how_many_more_are_on_the_site()
    {
        var buyer = await Grains.BuyerAsync();
        var inbox = Grains.InboxOf(buyer);
        await inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Daily));
        for (var i = 1; i <= 53; i++)
        {
            await inbox.AddAsync(Actor.System, Notice(NotificationKinds.EntrySubmitted, $"Creative {i} submitted an entry to “Busy contest”."));
        }

        fixture.Clock.SetUtcNow(NextSummaryHour(fixture.Clock.GetUtcNow()) + TimeSpan.FromMinutes(1));
        await inbox.SendDueSummaryAsync(Actor.System);

        var body = Assert.Single(SummariesTo(buyer)).TextBody ?? "";
        Assert.Contains("Creative 53 submitted", body, StringComparison.Ordinal);
        Assert.Contains("Creative 4 submitted", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Creative 3 submitted", body, StringComparison.Ordinal);
        Assert.Contains("And 3 more on the site: http://localhost:5080/notifications", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unsubscribe_link_turns_contest_email_off_while_opening_it_or_a_forged_or_another_persons_token_changes_nothing()
    {
        var buyer = await Grains.BuyerAsync();
        var other = await Grains.BuyerAsync("Olga Other");
        var token = await UnsubscribeTokenOfAsync(buyer);
        var othersToken = await UnsubscribeTokenOfAsync(other);
        var inbox = Grains.InboxOf(buyer);

        // Opening the link (a mail scanner would) only checks it.
        Assert.Equal(ContestActivityEmail.Each, (await inbox.CheckUnsubscribeTokenAsync(token)).ContestActivity);
        var forged = token[..(token.IndexOf('.') + 1)] + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var mixed = token[..token.IndexOf('.')] + othersToken[othersToken.IndexOf('.')..];
        foreach (var wrong in new[] { forged, mixed, othersToken, "", token + "x" })
        {
            await Refused.WithAsync(ErrorKind.NotFound, () => inbox.CheckUnsubscribeTokenAsync(wrong));
            await Refused.WithAsync(ErrorKind.NotFound, () => inbox.UnsubscribeAsync(wrong));
        }

        Assert.Equal(ContestActivityEmail.Each, (await inbox.GetEmailSettingsAsync(buyer)).ContestActivity);
        await inbox.UnsubscribeAsync(token);
        Assert.Equal(ContestActivityEmail.None, (await inbox.GetEmailSettingsAsync(buyer)).ContestActivity);
        Assert.Equal(ContestActivityEmail.Each, (await Grains.InboxOf(other).GetEmailSettingsAsync(other)).ContestActivity);
    }

    [Fact]
    public async Task Only_the_person_sees_or_changes_their_email_settings_and_an_unknown_choice_is_refused()
    {
        var buyer = await Grains.BuyerAsync();
        var inbox = Grains.InboxOf(buyer);
        foreach (var someoneElse in new[] { await Grains.BuyerAsync(), await Grains.StaffAsync(), Actor.System })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.GetEmailSettingsAsync(someoneElse));
            await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.SetEmailSettingsAsync(someoneElse, new EmailSettings(ContestActivityEmail.None)));
        }

        await Refused.WithAsync(ErrorKind.Forbidden, () => inbox.SendDueSummaryAsync(buyer));
        await Refused.WithAsync(ErrorKind.Invalid, () => inbox.SetEmailSettingsAsync(buyer, new EmailSettings((ContestActivityEmail)7)));
        Assert.Equal(ContestActivityEmail.Each, (await inbox.GetEmailSettingsAsync(buyer)).ContestActivity);
    }

    [Fact]
    public async Task Leaving_the_daily_summary_for_each_notice_sends_what_it_held_as_one_summary_at_once()
    {
        var buyer = await Grains.BuyerAsync();
        var inbox = Grains.InboxOf(buyer);
        await inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Daily));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.EntrySubmitted, "Cora Creative submitted an entry to “Held logo”."));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.EntryRevised, "Cora Creative uploaded version 2 of their entry to “Held logo”."));

        await inbox.SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.Each));
        await inbox.AddAsync(Actor.System, Notice(NotificationKinds.Comment, "Cora Creative replied about their entry to “Held logo”: “Thanks!”"));

        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: 2);
        Assert.Equal(2, mail.Count);
        Assert.Equal("Your daily summary: 2 updates from 1 project", Assert.Single(mail, m => m.Subject?.StartsWith(Summary, StringComparison.Ordinal) == true).Subject);
        Assert.Single(mail, m => m.Subject?.StartsWith("Cora Creative replied", StringComparison.Ordinal) == true);
    }

    /// <summary>The first daily summary hour (UTC) after <paramref name="now"/>.</summary>
    internal static DateTimeOffset NextSummaryHour(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + TimeSpan.FromHours(EmailKinds.DefaultSummaryHour);
        return today > now ? today : today.AddDays(1);
    }

    internal static string UnsubscribeUrlOf(MimeMessage message)
    {
        var header = message.Headers[HeaderId.ListUnsubscribe];
        Assert.NotNull(header);
        return header.Trim().TrimStart('<').TrimEnd('>');
    }

    /// <summary>A contest email to <paramref name="person"/> (whose choice is each notice), and the token of its unsubscribe link.</summary>
    private async Task<string> UnsubscribeTokenOfAsync(Actor person)
    {
        await Grains.InboxOf(person).AddAsync(Actor.System, Notice(NotificationKinds.Rated, "Bea Buyer rated your entry to “Token logo” 5 of 5 stars."));
        var url = UnsubscribeUrlOf(Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(person))));
        return url[(url.LastIndexOf('/') + 1)..];
    }

    private IReadOnlyList<MimeMessage> SummariesTo(Actor person) =>
        MailPickup.To(fixture.MailFolder, EmailOf(person)).Where(m => m.Subject?.StartsWith(Summary, StringComparison.Ordinal) == true).ToList();

    private int _notices;

    /// <summary>A notice as a grain would hand it over, now on the test clock, linking to an entry.</summary>
    private NewNotification Notice(string kind, string text) =>
        new($"test/{Guid.NewGuid():N}", kind, text, "/entries/e-" + ++_notices, fixture.Clock.GetUtcNow());

    private static string EmailOf(Actor person) => $"{person.UserId}@example.com";
}
