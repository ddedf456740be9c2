using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The whole marketplace in Chromium: a buyer posts and funds a project; two creatives submit; the buyer, on a
/// 360×640 phone, browses, rates and awards; the winner uploads finals; the buyer approves; both sign; the buyer
/// downloads the original final file, which was not reachable before. Screenshots: TestResults/screenshots.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class MarketplaceJourneyTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_project_goes_from_brief_to_downloaded_files_with_the_buyer_on_a_phone()
    {
        // The buyer posts and funds the project on a desktop.
        await using var buyerDesk = await app.NewContextAsync();
        var buyer = await buyerDesk.NewPageAsync();
        var buyerEmail = await SignUpAsync(buyer, "buyer", "Bea Baker");
        Assert.EndsWith("/buyer/projects/new", buyer.Url);
        var title = "Logo for Crumb & Co bakery " + Guid.NewGuid().ToString("N")[..4];
        await buyer.FillAsync("#Title", title);
        await buyer.SelectOptionAsync("#Category", "logo");
        await buyer.FillAsync("#Description", "A warm, friendly logo for our neighbourhood bakery. It must work small on coffee cups and big on the shop front.");
        await buyer.FillAsync("#Prize", "350");
        await ShotAsync(buyer, "10-post-project-desktop");
        await buyer.ClickAsync("button:has-text('Continue to payment')");
        await ShouldSeeAsync(buyer, "Fund your project");
        await ShotAsync(buyer, "11-fund-desktop");
        await buyer.ClickAsync("button:has-text('Pay $350 and open')");
        await ShouldSeeAsync(buyer, "$350 is in escrow");
        var projectUrl = new Uri(buyer.Url).AbsolutePath;
        Assert.Matches("^/projects/p-[a-z0-9]+$", projectUrl);

        // Two creatives find it and submit real images.
        var creatives = new List<(IBrowserContext Context, IPage Page, string Name)>();
        foreach (var (name, seed) in new[] { ("Cora Lines", 1), ("Dev Patel", 3) })
        {
            var context = await app.NewContextAsync();
            var page = await context.NewPageAsync();
            await SignUpAsync(page, "creative", name);
            await page.GotoAsync("/projects");
            await page.ClickAsync($"text={title}");
            await page.ClickAsync("text=Submit an entry");
            await page.SetInputFilesAsync("#file", new FilePayload { Name = $"{name.Split(' ')[0]}.png", MimeType = "image/png", Buffer = DemoArt.Logo("Crumb & Co", "bakery since 1987", seed) });
            await page.FillAsync("#Note", $"{name}'s idea: warm and simple.");
            if (seed == 1) await ShotAsync(page, "20-submit-entry-desktop");
            await page.ClickAsync("button:has-text('Submit entry')");
            await ShouldSeeAsync(page, "Your entry is in!");
            creatives.Add((context, page, name));
        }

        // The buyer, now on a phone, browses the gallery, rates and comments, and awards Dev.
        await using var buyerPhone = await app.NewContextAsync(phone: true);
        var phone = await buyerPhone.NewPageAsync();
        await SignInAsync(phone, buyerEmail);
        await ShotAsync(phone, "30-my-projects-phone");
        await phone.ClickAsync($"text={title}");
        await Assertions.Expect(phone.Locator(".gallery li")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.Locator(".gallery img").First).ToHaveJSPropertyAsync("complete", true);
        await ShotAsync(phone, "31-gallery-phone");
        await phone.ClickAsync(".gallery li:nth-child(1) a.thumb");
        await phone.ClickAsync("button[aria-label='4 of 5 stars']");
        await ShouldSeeAsync(phone, "Rated 4 of 5.");
        await phone.GoBackAsync();
        await phone.GotoAsync(projectUrl);
        await phone.ClickAsync(".gallery li:has-text('Dev Patel') a.thumb");
        await phone.ClickAsync("button[aria-label='5 of 5 stars']");
        await phone.FillAsync("#comment-text", "Love the sun. Could the wordmark be a touch bolder?");
        await phone.ClickAsync("button:has-text('Post comment')");
        await ShouldSeeAsync(phone, "Love the sun.");
        await ShotAsync(phone, "32-entry-phone");
        await phone.ClickAsync("text=Award this entry");
        await ShouldSeeAsync(phone, "You're choosing");
        await ShotAsync(phone, "33-award-confirm-phone");
        await phone.ClickAsync("button:has-text('Yes, award Dev Patel')");
        await ShouldSeeAsync(phone, "Waiting for the final files");
        var wrapUpPath = new Uri(phone.Url).AbsolutePath;
        Assert.Matches("^/wrapups/p-[a-z0-9]+/1$", wrapUpPath);
        await ShotAsync(phone, "34-handover-awaiting-files-phone");

        // The winner uploads the final files: a print PNG and a PDF.
        var dev = creatives.Single(c => c.Name == "Dev Patel").Page;
        var finalPng = DemoArt.Logo("Crumb & Co", "bakery since 1987", 3, 2400, 1800);
        var finalPdf = MinimalPdf();
        await dev.GotoAsync("/creative/entries");
        await ShouldSeeAsync(dev, "You won!");
        await ShouldSeeAsync(dev, "rated 5 of 5 by the buyer");
        await ShotAsync(dev, "40-my-entries-won-desktop");
        await dev.ClickAsync("text=Open the handover");
        await dev.ClickAsync("text=Upload final files");
        await dev.SetInputFilesAsync("#files", new[]
        {
            new FilePayload { Name = "crumb-logo-print.png", MimeType = "image/png", Buffer = finalPng },
            new FilePayload { Name = "crumb-logo.pdf", MimeType = "application/pdf", Buffer = finalPdf },
            new FilePayload { Name = "crumb-logo.svg", MimeType = "image/svg+xml", Buffer = DemoArt.LogoSvg("Crumb & Co", "bakery since 1987", 3) },
        });
        // The brief's PNG, SVG and PDF are all chosen, so no note is needed.
        await ShouldSeeAsync(dev, "Every format of the brief is chosen.");
        await dev.ClickAsync("button:has-text('Deliver files')");
        await ShouldSeeAsync(dev, "Files delivered.");

        // Before completion the buyer sees previews but cannot reach the originals.
        await phone.GotoAsync(wrapUpPath);
        await ShouldSeeAsync(phone, "Your turn: review the files");
        await Assertions.Expect(phone.Locator(".final-files li")).ToHaveCountAsync(3);
        await Assertions.Expect(phone.Locator(".final-files a:has-text('Download')")).ToHaveCountAsync(0);
        Assert.Equal(403, await StatusOfAsync(phone, $"{wrapUpPath}/files/0"));
        Assert.Equal(403, await StatusOfAsync(phone, $"/api/v1/wrapups{wrapUpPath["/wrapups".Length..]}/files/0"));
        await ShotAsync(phone, "41-handover-review-phone");
        await phone.ClickAsync("button:has-text('Approve the files')");
        await ShouldSeeAsync(phone, "Your turn: sign the transfer");
        await phone.ClickAsync("button:has-text('Sign the agreement')");
        await ShouldSeeAsync(phone, "You signed the design transfer agreement.");
        Assert.Equal(403, await StatusOfAsync(phone, $"{wrapUpPath}/files/0"));

        await dev.GotoAsync(wrapUpPath);
        await dev.ClickAsync("button:has-text('Sign the agreement')");
        await ShouldSeeAsync(dev, "The handover is complete.");
        await ShouldSeeAsync(dev, "Paid out:");
        await ShotAsync(dev, "42-handover-complete-creative-desktop");

        // Completed: the buyer downloads the original final file, byte for byte.
        await phone.GotoAsync(wrapUpPath);
        await ShouldSeeAsync(phone, "Handover complete");
        await ShotAsync(phone, "43-handover-complete-phone");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.ClickAsync(".final-files li:has-text('crumb-logo-print.png') a:has-text('Download')"));
        Assert.Equal("crumb-logo-print.png", download.SuggestedFilename);
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
        await download.SaveAsAsync(path);
        Assert.Equal(finalPng, await File.ReadAllBytesAsync(path));
        File.Delete(path);

        foreach (var c in creatives) await c.Context.DisposeAsync();
    }

    /// <summary>A small valid one-page PDF, as a designer's vector export would be.</summary>
    private static byte[] MinimalPdf() => System.Text.Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
}
