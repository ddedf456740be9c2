using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using MimeKit;

namespace Marketplace.Grains.Tests.Notifications;

/// <summary>
/// Money always reaches its owner by email, with the amount and the page that accounts for it: the buyer's payment into
/// escrow and each refund (their receipt), the creative's payout (their earnings), and a completed handover's buyer the
/// files and the receipt both.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MoneyNoticeTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";
    private const string Site = "http://localhost:5080";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Funding_emails_the_buyer_the_amount_held_the_fee_and_until_when_entries_open_in_their_zone_with_the_receipt()
    {
        var buyer = await Grains.BuyerAsync("Bea Lindqvist");
        await Grains.InboxOf(buyer).SetTimeZoneAsync(buyer, "America/New_York");
        // Contest activity off: a payment is not contest activity, so it still comes.
        await Grains.InboxOf(buyer).SetEmailSettingsAsync(buyer, new EmailSettings(ContestActivityEmail.None));

        var project = await fixture.OpenProjectAsync(buyer);

        var notice = Assert.Single(await Grains.NoticesAsync(buyer));
        Assert.Equal(NotificationKinds.ProjectFunded, notice.Kind);
        Assert.Equal($"/buyer/projects/{project.Id}/receipt", notice.Link);
        var deadline = TimeMarkers.Write(TimeMarkers.Mark(project.EntryDeadline), TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        Assert.Equal(
            $"Payment received: your prize of €500 for {Title} is held in escrow. The project is open for entries until {deadline}; then you choose a winner. "
            + "You pay no fee: the 15% marketplace fee (€75) comes out of the prize, so the winner receives €425. If no design is chosen, the whole €500 comes back to you. "
            + "Your receipt has the payment's details.",
            notice.Text);
        Assert.Matches("E[SD]T$", deadline); // New York's time, winter or summer as the shared test clock stands

        var mail = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer)));
        Assert.Equal($"Payment received: your prize of €500 for {Title} is held in escrow.", mail.Subject);
        Assert.StartsWith("Hi Bea,\n\nPayment received:", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"until {deadline}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"\n\nRead your receipt: {Site}/buyer/projects/{project.Id}/receipt\n", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("You get this because it is about your money on this project.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Open it", mail.TextBody, StringComparison.Ordinal);
        Assert.Null(mail.Headers[HeaderId.ListUnsubscribe]);
    }

    [Fact]
    public async Task A_retried_open_funds_once_and_tells_the_buyer_once()
    {
        var buyer = await Grains.BuyerAsync();
        var project = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        var draft = Scenarios.Draft(fixture.Clock.GetUtcNow());
        await project.CreateAsync(buyer, draft);
        // A first attempt that stopped after the payment was collected and before the project saved it.
        await Grains.GetGrain<IEscrowGrain>(project.GetPrimaryKeyString()).FundAsync(Actor.System, $"fund:{project.GetPrimaryKeyString()}", buyer.UserId, draft.Prize, draft.Brief.Title);

        await project.OpenAsync(buyer);
        await project.OpenAsync(buyer);

        var statement = await Grains.GetGrain<IEscrowGrain>(project.GetPrimaryKeyString()).GetStatementAsync();
        Assert.Single(statement.Movements, m => m.Kind == EscrowMovementKind.Funded);
        Assert.Equal(draft.Prize, statement.Held);
        Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ProjectFunded);
        Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer)), m => m.Subject?.StartsWith("Payment received", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_payment_notice_waits_in_the_project_while_the_inbox_is_down_and_arrives_once()
    {
        var buyer = await Grains.BuyerAsync();
        ProjectView project;
        using (InboxOutage.Of(buyer.UserId))
        {
            project = await fixture.OpenProjectAsync(buyer);
            Assert.Equal(ProjectState.Open, project.State);
        }

        Assert.Empty(await Grains.NoticesAsync(buyer));
        await Grains.GetGrain<IProjectGrain>(project.Id).ExtendEntryDeadlineAsync(buyer, project.EntryDeadline.AddDays(1));

        Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ProjectFunded);
        Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer)), m => m.Subject?.StartsWith("Payment received", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_buyer_who_cancels_hears_of_the_refund_with_the_receipt_and_a_draft_cancelled_unpaid_tells_nothing()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var draftOnly = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draftOnly.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));

        await Grains.GetGrain<IProjectGrain>(project.Id).CancelAsync(buyer, "We found a designer elsewhere.");
        await draftOnly.CancelAsync(buyer, "Not needed.");

        var notices = await Grains.NoticesAsync(buyer);
        Assert.Equal([NotificationKinds.PrizeRefunded, NotificationKinds.ProjectFunded], notices.Select(n => n.Kind));
        Assert.Equal($"You cancelled {Title}, so the project closed and your prize of €500 was refunded to you. Your receipt shows the refund.", notices[0].Text);
        Assert.Equal($"/buyer/projects/{project.Id}/receipt", notices[0].Link);
        var refund = Assert.Single(await MailPickup.WaitForAsync(fixture.MailFolder, EmailOf(buyer), count: 2), m => m.Subject?.StartsWith("You cancelled", StringComparison.Ordinal) == true);
        Assert.Contains($"Read your receipt: {Site}/buyer/projects/{project.Id}/receipt", refund.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_completed_handover_emails_the_buyer_the_files_and_the_receipt_and_the_creative_their_earnings()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Buyer, version);
        await h.Grain.SignAgreementAsync(h.Creative, version);

        var complete = await EmailAsync(h.Buyer, "The handover of");
        Assert.Equal($"The handover of {Title} is complete: the design is yours.", complete.Subject);
        Assert.Contains($"Download your files: {Site}/wrapups/{h.Id}\nRead your receipt: {Site}/buyer/projects/{h.ProjectId}/receipt\n", complete.TextBody, StringComparison.Ordinal);
        var paid = await EmailAsync(h.Creative, "Payment released");
        Assert.StartsWith("Hi Cai,\n\nPayment released: €425 (the prize of €500 less the 15% marketplace fee)", paid.TextBody, StringComparison.Ordinal);
        Assert.Contains($"See your earnings: {Site}/creative/earnings\n", paid.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/wrapups/", paid.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refund_decided_by_staff_links_the_buyers_receipt_and_the_creative_the_handover()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The colours are wrong.", []);
        await h.Grain.AnswerDisputeAsync(h.Creative, "They match the brief.", []);
        await h.Grain.ClaimAsync(h.Staff);

        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "The colours differ from the brief.");

        var refund = Assert.Single(await Grains.NoticesAsync(h.Buyer), n => n.Kind == NotificationKinds.Ended);
        Assert.Equal(($"You were refunded €500 for {Title}. Your receipt shows the refund.", $"/buyer/projects/{h.ProjectId}/receipt"), (refund.Text, refund.Link));
        Assert.Equal("/wrapups/" + h.Id, Assert.Single(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.Ended).Link);
        Assert.Contains($"Read your receipt: {Site}/buyer/projects/{h.ProjectId}/receipt", (await EmailAsync(h.Buyer, "You were refunded")).TextBody, StringComparison.Ordinal);
    }

    private Task<MimeKit.MimeMessage> EmailAsync(Actor person, string subjectStart) =>
        MailPickup.WaitForSubjectAsync(fixture.MailFolder, EmailOf(person), subjectStart);

    private static string EmailOf(Actor person) => $"{person.UserId}@example.com";
}
