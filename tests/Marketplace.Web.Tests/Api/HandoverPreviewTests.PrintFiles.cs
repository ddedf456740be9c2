using System.Net;
using Marketplace.Contracts.Previews;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Print finals (a PDF's first page, an SVG, an EPS) show their previews wherever image finals do, behind the same checks; a print
/// file that could not be drawn says why, in words for the person reading.
/// </summary>
public sealed partial class HandoverPreviewTests
{
    /// <summary>
    /// A two-page PDF brand sheet, an SVG logo and the PNG the brief also asks for, with a word of their own so their
    /// previews are theirs alone.
    /// </summary>
    private static (string Name, byte[] Bytes)[] PrintFinals(string word) =>
    [
        ($"{word.ToLowerInvariant()}-brand-sheet.pdf", DemoArt.BrandSheetPdf(word, "print", 3, pages: 2, 600, 400)),
        ($"{word.ToLowerInvariant()}-logo.svg", DemoArt.LogoSvg(word, "vector", 3, 600, 400)),
        ($"{word.ToLowerInvariant()}-logo.png", DemoArt.Logo(word, "web", 3, 600, 400)),
    ];

    [Fact]
    public async Task A_pdf_finals_first_page_shows_on_the_buyers_page_with_its_page_count_and_reaches_only_the_parties_and_staff()
    {
        var finals = PrintFinals("Menu" + Guid.NewGuid().ToString("N")[..6]);
        using var h = await StaffedHandover.DeliveredAsync(app, "Printed menu", "Mona Menu", "Pete Print", finals);
        using var staff = await StaffAsync();

        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        var casePage = await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId);

        var pdf = ImageOf(page, "Preview of " + finals[0].Name);
        var svg = ImageOf(page, "Preview of " + finals[1].Name);
        Assert.Equal($"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}", pdf);
        Assert.Equal($"{h.PagePath}/files/1/preview/{PreviewSizes.Phone}", svg);
        Assert.Contains("<span class=\"muted small\">Page 1 of 2</span>", page);
        Assert.DoesNotContain("No preview", page);
        Assert.Equal(pdf, ImageOf(casePage, "Preview of " + finals[0].Name));
        Assert.Contains("<span class=\"muted small\">Page 1 of 2</span>", casePage);
        await OnlyPartiesAndStaffAsync(h, staff, pdf);
        await OnlyPartiesAndStaffAsync(h, staff, svg);
        var delivered = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files;
        await NotPublicAsync(delivered.SelectMany(f => f.Preview!.Images));
    }

    [Fact]
    public async Task An_eps_finals_drawing_shows_on_the_buyers_page_without_a_page_line_and_reaches_only_the_parties_and_staff()
    {
        var word = "Sign" + Guid.NewGuid().ToString("N")[..6];
        (string Name, byte[] Bytes)[] finals =
        [
            ($"{word.ToLowerInvariant()}-sign.eps", DemoArt.LogoEps(word, "sign maker", 3, 600, 400)),
            ($"{word.ToLowerInvariant()}-logo.png", DemoArt.Logo(word, "web", 3, 600, 400)),
            ($"{word.ToLowerInvariant()}-print.pdf", DemoArt.LogoPdf(word, "print", 3, 600, 400)),
        ];
        using var h = await StaffedHandover.DeliveredAsync(app, "Shop sign", "Sue Sign", "Eli Eps", finals);
        using var staff = await StaffAsync();

        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);

        var eps = ImageOf(page, "Preview of " + finals[0].Name);
        Assert.Equal($"{h.PagePath}/files/0/preview/{PreviewSizes.Phone}", eps);
        // An EPS is one page: neither "Page 1 of …" nor "First page" under it, and every file here was drawn.
        Assert.DoesNotContain("Page 1 of", page);
        Assert.DoesNotContain("First page", page);
        Assert.DoesNotContain("No preview", page);
        Assert.Equal(eps, ImageOf(await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId), "Preview of " + finals[0].Name));
        await OnlyPartiesAndStaffAsync(h, staff, eps);
        var delivered = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files;
        Assert.Equal(("application/postscript", 4), (delivered[0].File.ContentType, delivered[0].Preview!.Images.Count));
        await NotPublicAsync(delivered[0].Preview!.Images);
    }

    [Fact]
    public async Task Staff_send_the_buyer_previews_of_pdf_and_svg_finals_too()
    {
        var finals = PrintFinals("Sent" + Guid.NewGuid().ToString("N")[..6]);
        using var h = await StaffedHandover.DeliveredAsync(app, "Sent sheet", "Sally Sent", "Vic Vector", finals);
        using var staff = await StaffAsync();
        await h.HelpedAsync();

        var sent = (await h.Grain.SendPreviewsToBuyerAsync(h.Staff, "For your phone at the fair.")).PreviewsSentToBuyer;

        Assert.Equal(finals.Select(f => f.Name), sent.Select(s => s.FileName)); // the PDF's first page and the SVG as well as the PNG
        var page = await h.Buyer.Http.GetStringAsync(h.PagePath);
        Assert.Equal(h.PagePath + "/sent-previews/0", ImageOf(page, "Low-resolution preview of " + finals[0].Name));
        await OnlyPartiesAndStaffAsync(h, staff, h.PagePath + "/sent-previews/0");
    }

    [Fact]
    public async Task A_pdf_that_could_not_be_drawn_says_so_with_what_each_reader_can_do_next()
    {
        // The default finals' PDF is a header and nothing else: stored as delivered, drawn by nobody.
        using var h = await StaffedHandover.DeliveredAsync(app, "Damaged leaflet", "Dora Damaged", "Cliff Cutoff");
        using var staff = await StaffAsync();
        var pdf = (await h.Grain.GetAsync(h.BuyerActor)).LatestDelivery!.Files[1];

        Assert.Equal(new NoPreview("PDF", NoPreviewReason.CouldNotDraw), pdf.Preview?.NotDrawn);
        Assert.Contains("<span class=\"no-preview\">No preview: this PDF could not be drawn. Ask the creative in a message for a PNG or JPEG of it.</span>",
            WebUtility.HtmlDecode(await h.Buyer.Http.GetStringAsync(h.PagePath)));
        Assert.Contains("<span class=\"no-preview\">No preview: this PDF could not be drawn. Download it to check it.</span>",
            WebUtility.HtmlDecode(await h.Creative.Http.GetStringAsync(h.PagePath)));
        Assert.Contains("<span class=\"no-preview\">No preview: this PDF could not be drawn. Download it to check it.</span>",
            WebUtility.HtmlDecode(await staff.Http.GetStringAsync("/staff/cases/" + h.WrapUpId)));
        Assert.Equal(HttpStatusCode.NotFound, (await h.Buyer.Http.GetAsync($"{h.PagePath}/files/1/preview/{PreviewSizes.Phone}")).StatusCode);
    }

    [Fact]
    public async Task A_pdf_attached_to_a_dispute_shows_its_first_page_to_the_parties_and_staff_only()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Disputed proof", "Dina Proof", "Carl Counter");
        using var staff = await StaffAsync();
        var proof = DemoArt.LogoPdf("Proof" + Guid.NewGuid().ToString("N")[..6], "printer's proof", 5, 600, 400);

        await h.Buyer.ReadAsync(await h.Buyer.UploadAsync(h.ApiPath + "/disputes/with-files", "files", "printers-proof.pdf", proof,
            fields: new Dictionary<string, string> { ["reason"] = "The printer's proof shows the wrong colours." }));

        var page = await h.Creative.Http.GetStringAsync(h.PagePath);
        var shown = ImageOf(page, "Preview of printers-proof.pdf");
        Assert.StartsWith($"{h.PagePath}/evidence/dispute/0/preview/", shown);
        await OnlyPartiesAndStaffAsync(h, staff, shown);
        await NotPublicAsync((await h.Grain.GetAsync(h.BuyerActor)).Dispute!.Evidence[0].Preview!.Images);
    }
}
