using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Mediation;

[Collection(ClusterCollection.Name)]
public sealed class DeliveryLinkTests(ClusterFixture fixture)
{
    private static readonly ThirdPartyRecipient Printer = new("Quick Print Ltd", "orders@quickprint.example");

    private async Task<(Handover H, FinalFile[] Files)> DeliveredAndClaimedAsync()
    {
        var h = await Handover.AwardedAsync(fixture);
        FinalFile[] files = [Finals.Image("logo.png"), Finals.Document("logo.pdf")];
        await h.DeliverAsync(files);
        await h.CaseClaimedAsync("Please send the files to my printer.");
        return (h, files);
    }

    [Fact]
    public async Task A_link_delivers_this_wrap_ups_finals_and_records_the_first_use_once()
    {
        var (h, files) = await DeliveredAndClaimedAsync();
        var other = await Handover.AwardedAsync(fixture);
        await other.DeliverAsync(Finals.Image("someone-else.png"));

        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.For(h.Buyer, "email from the buyer naming the printer"));
        var got = await h.Grain.RedeemDeliveryLinkAsync(link.Token, "203.0.113.9");
        fixture.Clock.Advance(TimeSpan.FromMinutes(20));
        var resumed = await h.Grain.RedeemDeliveryLinkAsync(link.Token, "198.51.100.4");

        Assert.Equal(files.Select(f => f.File.BlobName), got.Files.Select(f => f.File.BlobName));
        Assert.Equal(got.Files.Select(f => f.File), resumed.Files.Select(f => f.File));
        Assert.Equal(got.UsedAt, resumed.UsedAt);
        await Refused.WithAsync(ErrorKind.NotFound, () => other.Grain.RedeemDeliveryLinkAsync(link.Token, null));
        var view = await h.Grain.GetAsync(h.Buyer);
        var shown = Assert.Single(view.DeliveryLinks);
        Assert.Equal(Printer, shown.Recipient);
        Assert.Equal(h.Now.AddMinutes(-20), shown.UsedAt);
        Assert.Single(view.Timeline, t => t.Kind == "DeliveryLinkRedeemed");
        var created = view.Timeline.Single(t => t.Kind == "DeliveryLinkCreated");
        Assert.Equal(h.Buyer.UserId, created.OnBehalfOf);
        Assert.DoesNotContain(view.Timeline, t => t.Summary.Contains(link.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_used_link_keeps_delivering_for_the_resume_window_then_reads_as_used()
    {
        var (h, _) = await DeliveredAndClaimedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.For(h.Buyer));
        var first = await h.Grain.RedeemDeliveryLinkAsync(link.Token, "203.0.113.9");
        var window = new WrapUpOptions().DeliveryLinkResumeWindow;

        Assert.Equal(first.UsedAt + window, first.ResumableUntil);
        fixture.Clock.Advance(window - TimeSpan.FromSeconds(1));
        var peeked = await h.Grain.PeekDeliveryLinkAsync(link.Token);
        Assert.Equal(first.DeliveredAt, peeked.DeliveredAt);
        Assert.Equal(first.ResumableUntil, peeked.ResumableUntil);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("no longer does", await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PeekDeliveryLinkAsync(link.Token)), StringComparison.Ordinal);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RedeemDeliveryLinkAsync(link.Token, null));
    }

    [Fact]
    public async Task A_download_started_just_before_expiry_can_still_resume_within_the_window()
    {
        var (h, _) = await DeliveredAndClaimedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromHours(12), h.For(h.Buyer));
        fixture.Clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromMinutes(1));
        await h.Grain.RedeemDeliveryLinkAsync(link.Token, null);

        fixture.Clock.Advance(TimeSpan.FromHours(2));

        Assert.NotNull((await h.Grain.RedeemDeliveryLinkAsync(link.Token, null)).UsedAt);
    }

    [Fact]
    public async Task An_expired_or_unknown_link_is_refused()
    {
        var (h, _) = await DeliveredAndClaimedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromHours(12), h.For(h.Buyer));

        fixture.Clock.Advance(TimeSpan.FromHours(12));

        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RedeemDeliveryLinkAsync(link.Token, null));
        await Refused.WithAsync(ErrorKind.NotFound, () => h.Grain.RedeemDeliveryLinkAsync(link.Token + "x", null));
        await Refused.WithAsync(ErrorKind.NotFound, () => h.Grain.RedeemDeliveryLinkAsync("", null));
        Assert.Null(Assert.Single((await h.Grain.GetAsync(h.Staff)).DeliveryLinks).UsedAt);
    }

    [Fact]
    public async Task A_link_needs_the_buyers_consent_files_and_a_sane_validity()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.CaseClaimedAsync();
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(1), h.For(h.Buyer)));
        await h.DeliverAsync();

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(1), h.For(h.Creative)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(1), h.For(h.Buyer) with { Consent = new Consent("", h.Now) }));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(90), h.For(h.Buyer)));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer with { Email = "not-an-email" }, TimeSpan.FromDays(1), h.For(h.Buyer)));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer with { Name = " " }, TimeSpan.FromDays(1), h.For(h.Buyer)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.CreateDeliveryLinkAsync(h.Buyer, Printer, TimeSpan.FromDays(1), h.For(h.Buyer)));
        Assert.Empty((await h.Grain.GetAsync(h.Staff)).DeliveryLinks);
    }

    [Fact]
    public async Task A_link_stops_working_when_the_handover_ends_without_completing()
    {
        var (h, _) = await DeliveredAndClaimedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.For(h.Buyer));
        await h.Grain.OpenDisputeAsync(h.Creative, "The buyer wants the files without paying.", []);
        await h.Grain.AnswerDisputeAsync(h.Buyer, "No.", []);
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Refunded), "Refund decided.");

        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RedeemDeliveryLinkAsync(link.Token, null));
    }
}
