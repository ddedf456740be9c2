using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>A delivery is checked against the formats of the brief: what is missing must be explained, and everyone sees the checklist.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeliverableFormatTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_delivery_in_every_requested_format_needs_no_note_and_ticks_every_box()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG", "PDF");

        var view = await h.Grain.DeliverFilesAsync(h.Creative, Finals.ForBrief("logo", "PNG", "SVG", "PDF"), null);

        var formats = view.LatestDelivery!.Formats!;
        Assert.True(formats.Complete);
        Assert.Equal(["logo.png", "logo.svg", "logo.pdf"], formats.Requested.Select(r => Assert.Single(r.FileNames)));
        Assert.Null(view.LatestDelivery.Note);
        Assert.Equal(WrapUpStep.InReview, view.Step);
    }

    [Fact]
    public async Task A_delivery_missing_formats_without_a_note_is_refused_and_nothing_is_recorded()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG", "PDF");
        var before = await h.Grain.GetAsync(h.Creative);

        var refusal = await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png")], null));
        var blank = await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png")], "   "));

        Assert.Equal("The brief asks for SVG and PDF too. Add them, or say in the note why they are not included.", refusal);
        Assert.Equal(refusal, blank);
        var after = await h.Grain.GetAsync(h.Creative);
        Assert.Equal(WrapUpStep.AwaitingFiles, after.Step);
        Assert.Null(after.LatestDelivery);
        Assert.Empty(after.Deliveries);
        Assert.Equal(before.Timeline.Count, after.Timeline.Count);
    }

    [Fact]
    public async Task A_delivery_missing_a_format_with_a_reason_is_accepted_and_the_buyer_sees_what_is_missing_and_why()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG", "PDF");
        const string reason = "The PDF follows tomorrow: the printer's profile is not in yet. The SVG is attached.";

        await h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png"), Finals.Document("logo.svg"), Finals.Document("fonts.zip")], reason);
        var buyer = await h.Grain.GetAsync(h.Buyer);

        var delivery = buyer.LatestDelivery!;
        Assert.Equal(reason, delivery.Note);
        Assert.Equal(["PDF"], delivery.Formats!.Missing);
        Assert.Equal(["fonts.zip"], delivery.Formats.Extras);
        Assert.Contains("Missing from the brief: PDF.", Assert.Single(buyer.Timeline, t => t.Kind == nameof(FilesDelivered)).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_holding_the_missing_format_completes_the_delivery_without_a_note_and_says_where_it_is()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG");

        await h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png"), Finals.Zip("brand.zip", "Brand/logo.svg", "Brand/logo-dark.svg")], null);
        var buyer = await h.Grain.GetAsync(h.Buyer);

        var formats = buyer.LatestDelivery!.Formats!;
        Assert.True(formats.Complete);
        Assert.Equal(["logo.svg and logo-dark.svg inside brand.zip"], formats.Requested[1].FileNames);
        Assert.Equal(["Brand/logo.svg", "Brand/logo-dark.svg"], buyer.LatestDelivery.Files[1].Preview!.Archive!.Entries.Select(e => e.Name));
    }

    [Fact]
    public async Task A_file_whose_content_contradicts_its_name_does_not_count_and_the_refusal_says_so()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG");

        var refusal = await Refused.WithAsync(ErrorKind.Invalid, () =>
            h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png"), Finals.ImageOf("logo.svg", "image/png")], null));

        Assert.Equal("The brief asks for SVG too. \"logo.svg\" is really a PNG image, so it does not count as SVG. Add it, or say in the note why it is not included.", refusal);
        var accepted = await h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png"), Finals.ImageOf("logo.svg", "image/png")], "My vector tool only exports PNG; I'll send the SVG once it's fixed.");
        Assert.Equal(new MislabelledFile("logo.svg", "SVG", "PNG"), Assert.Single(accepted.LatestDelivery!.Formats!.Mislabelled));
    }

    [Fact]
    public async Task Staff_delivering_for_the_creative_follow_the_same_rule()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "PDF");
        await h.CaseClaimedAsync("The creative emailed me the files.");

        var refusal = await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.DeliverFilesAsync(h.Staff, [Finals.Image("logo.png")], null, h.For(h.Creative, "email")));
        Assert.Equal("The brief asks for PDF too. Add it, or say in the note why it is not included.", refusal);
        Assert.Null((await h.Grain.GetAsync(h.Staff)).LatestDelivery);

        var view = await h.Grain.DeliverFilesAsync(h.Staff, [Finals.Image("logo.png")], "The creative's email had only the PNG; the PDF is on its way.", h.For(h.Creative, "email"));
        Assert.Equal(["PDF"], view.LatestDelivery!.Formats!.Missing);
        Assert.Equal(h.Creative.UserId, view.LatestDelivery.OnBehalfOf);
    }

    [Fact]
    public async Task Every_round_keeps_its_own_checklist_and_note()
    {
        var h = await Handover.AwardedAsync(fixture, "PNG", "SVG");
        await h.Grain.DeliverFilesAsync(h.Creative, [Finals.Image("logo.png")], "SVG after your feedback on the colours.");
        await h.Grain.RequestChangesAsync(h.Buyer, "Warmer brown, please, and the SVG.");

        var second = await h.Grain.DeliverFilesAsync(h.Creative, Finals.ForBrief("logo-v2", "PNG", "SVG"), null);

        Assert.Equal([false, true], second.Deliveries.Select(d => d.Formats!.Complete));
        Assert.Equal(["SVG after your feedback on the colours.", null], second.Deliveries.Select(d => d.Note));
        Assert.Equal(2, second.LatestDelivery!.Round);
        Assert.True(second.LatestDelivery.Formats!.Complete);
    }
}
