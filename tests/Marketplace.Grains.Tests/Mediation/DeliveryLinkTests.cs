using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

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
    public async Task A_link_delivers_this_wrap_ups_finals_once_and_records_the_use()
    {
        var (h, files) = await DeliveredAndClaimedAsync();
        var other = await Handover.AwardedAsync(fixture);
        await other.DeliverAsync(Finals.Image("someone-else.png"));

        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, Printer, TimeSpan.FromDays(2), h.For(h.Buyer, "email from the buyer naming the printer"));
        var got = await h.Grain.RedeemDeliveryLinkAsync(link.Token, "203.0.113.9");

        Assert.Equal(files.Select(f => f.File.BlobName), got.Select(f => f.File.BlobName));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.RedeemDeliveryLinkAsync(link.Token, "203.0.113.9"));
        await Refused.WithAsync(ErrorKind.NotFound, () => other.Grain.RedeemDeliveryLinkAsync(link.Token, null));
        var view = await h.Grain.GetAsync(h.Buyer);
        var shown = Assert.Single(view.DeliveryLinks);
        Assert.Equal(Printer, shown.Recipient);
        Assert.Equal(h.Now, shown.UsedAt);
        Assert.Contains(view.Timeline, t => t.Kind == "DeliveryLinkRedeemed");
        var created = view.Timeline.Single(t => t.Kind == "DeliveryLinkCreated");
        Assert.Equal(h.Buyer.UserId, created.OnBehalfOf);
        Assert.DoesNotContain(view.Timeline, t => t.Summary.Contains(link.Token, StringComparison.Ordinal));
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
