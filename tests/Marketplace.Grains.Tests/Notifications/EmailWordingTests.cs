using System.Reflection;
using Marketplace.Contracts.Notifications;
using Marketplace.Grains.Notifications;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// How a notice email reads: greeted by the name a person would use, and every link introduced by what it opens, for
/// every kind of notice there is (a kind added later without its words fails here).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EmailWordingTests(ClusterFixture fixture)
{
    private const string Site = "http://localhost:5080";

    /// <summary>Every kind, by reflection: nothing to keep in step by hand.</summary>
    private static readonly IReadOnlyList<string> AllKinds = typeof(NotificationKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

    public static TheoryData<string> Kinds() => new(AllKinds);

    [Theory]
    [InlineData("Bea Lindqvist", "Bea")]
    [InlineData("  Cora   Creative ", "Cora")]
    [InlineData("Mira", "Mira")]
    [InlineData("Dr Ada Lovelace", "Dr Ada Lovelace")]
    [InlineData("Prof. Sam Rivera", "Prof. Sam Rivera")]
    [InlineData("J. R. Hartley", "J. R. Hartley")]
    [InlineData("JR Hartley", "JR Hartley")]
    [InlineData("Ana María López", "Ana")]
    public void A_person_is_greeted_by_their_first_name_unless_that_would_read_wrong(string displayName, string greeted) =>
        Assert.Equal(greeted, EmailWords.NameToGreet(displayName));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_of_notice_names_what_its_link_opens(string kind)
    {
        var label = EmailWords.LinkLabel(kind, "/wrapups/p-1/1");
        Assert.NotEqual(EmailWords.Fallback, label);
        Assert.NotEqual(EmailWords.Fallback, EmailWords.LinkLabel(kind, "/projects/p-1"));
        Assert.DoesNotContain("Open it", label, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_pages_are_named_for_what_they_are_whatever_the_kind()
    {
        Assert.Equal("Read your receipt", EmailWords.LinkLabel(NotificationKinds.Completed, NoticeLinks.Receipt("p-1")));
        Assert.Equal("Read your receipt", EmailWords.LinkLabel(NotificationKinds.PrizeRefunded, NoticeLinks.Receipt("p-1")));
        Assert.Equal("See your earnings", EmailWords.LinkLabel(NotificationKinds.Paid, NoticeLinks.Earnings));
        Assert.Equal("Download your files", EmailWords.LinkLabel(NotificationKinds.Completed, "/wrapups/p-1/1"));
        Assert.Equal("Answer the question", EmailWords.LinkLabel(NotificationKinds.Question, "/projects/p-1"));
        Assert.Equal("Review the files", EmailWords.LinkLabel(NotificationKinds.FilesDelivered, "/wrapups/p-1/1"));
    }

    [Fact]
    public async Task Each_kinds_email_greets_by_first_name_and_introduces_its_link_with_its_own_words()
    {
        var person = await fixture.Grains.BuyerAsync("Bea Lindqvist");
        var inbox = fixture.Grains.InboxOf(person);
        var kinds = AllKinds;
        foreach (var kind in kinds)
        {
            await inbox.AddAsync(Actor.System, new NewNotification($"test/{kind}", kind, $"Something of kind {kind} happened.", $"/projects/p-{kind}", fixture.Clock.GetUtcNow()));
        }

        var mail = await MailPickup.WaitForAsync(fixture.MailFolder, $"{person.UserId}@example.com", count: kinds.Count);

        Assert.Equal(kinds.Count, mail.Count);
        foreach (var kind in kinds)
        {
            var body = Assert.Single(mail, m => m.Subject == $"Something of kind {kind} happened.").TextBody;
            Assert.StartsWith("Hi Bea,\n\n", body, StringComparison.Ordinal);
            Assert.Contains($"\n\n{EmailWords.LinkLabel(kind, $"/projects/p-{kind}")}: {Site}/projects/p-{kind}\n", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Open it:", body, StringComparison.Ordinal);
            Assert.DoesNotContain(EmailWords.Fallback, body, StringComparison.Ordinal);
        }
    }
}
