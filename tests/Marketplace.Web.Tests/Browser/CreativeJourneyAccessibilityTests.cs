using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// A creative's journey on a 390 px phone as a keyboard and screen-reader user meets it: a refused upload is read out on
/// its file picker (with and without JavaScript), each entry's link, heading and picture say which entry they are, the
/// open projects read title first with the prize named, the handover's steps are told apart by more than colour, and
/// axe finds nothing on the pages this changed.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class CreativeJourneyAccessibilityTests(MarketplaceAppFixture app)
{
    /// <summary>Words saved under a .png name: the upload check refuses it by its content.</summary>
    private static readonly byte[] NotAnImage = "Only words, saved with .png on the end of the name."u8.ToArray();

    /// <summary>
    /// By keys alone on a 390 px phone: the picker is reached, a text file named .png is refused with focus on the reason,
    /// the picker itself says it is invalid and is described by that reason (then its hint); a real image sent the same
    /// way lands on the new entry, whose status line has focus and whose heading and picture name entry #1.
    /// </summary>
    [Fact]
    public async Task A_refused_design_is_read_out_on_the_file_picker_and_a_real_one_goes_in_by_keyboard()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Nia Notice");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Rafe Reader");
        var projectId = await buyer.OpenProjectAsync("Screen-reader bakery logo");
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, creative.Email);
        await page.GotoAsync($"/projects/{projectId}/submit");

        await TabToAsync(page, "#file");
        await page.Locator("#file:focus").SetInputFilesAsync(new FilePayload { Name = "design.png", MimeType = "image/png", Buffer = NotAnImage });
        await TabToAsync(page, "button:text-is('Submit entry')");
        await page.Keyboard.PressAsync("Enter");

        var summary = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "plain text" });
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await ExpectPickerReadsAsync(page, "#file", "plain text", "file-hint");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit entry" })).ToBeEnabledAsync();
        Assert.Equal(0, await EntryCountAsync(buyer, projectId));

        await TabToAsync(page, "#file");
        await page.Locator("#file:focus").SetInputFilesAsync(new FilePayload { Name = "design.png", MimeType = "image/png", Buffer = DemoArt.Logo("Reader", "entry", 2, 400, 300) });
        await TabToAsync(page, "button:text-is('Submit entry')");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Regex("/entries/e-[a-z0-9-]+$"));

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your entry is in!" })).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Entry #1 by Rafe Reader");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Entry #1 by Rafe Reader, watermarked preview", Exact = true })).ToBeVisibleAsync();
        Assert.Equal(1, await EntryCountAsync(buyer, projectId));
        await ShotAsync(page, "creative-a11y-entry-in-390");
    }

    /// <summary>
    /// Without JavaScript the same three upload forms post whole pages: submitting with no file, revising with a text file
    /// and delivering no finals each come back with focus on the reason, the reason a link to the picker, and the picker
    /// invalid and described by it before its hint.
    /// </summary>
    [Fact]
    public async Task Without_javascript_each_upload_form_ties_its_refusal_to_the_file_picker()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Noa Noscript");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Sol Static");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Static print poster");
        var openProjectId = await buyer.OpenProjectAsync("Static bakery logo");
        var entryId = await creative.SubmitEntryAsync(openProjectId);
        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await SignInAsync(page, creative.Email);

        await page.GotoAsync($"/projects/{openProjectId}/submit");
        await SendAsync(page, "Submit entry", 400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Choose a file to upload." })).ToBeFocusedAsync();
        await ExpectPickerReadsAsync(page, "#file", "Choose a file to upload.", "file-hint");
        await Assertions.Expect(page.Locator("[data-errors] a[href='#file']")).ToHaveTextAsync("Choose a file to upload.");

        await page.GotoAsync($"/entries/{entryId}/revise");
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "v2.png", MimeType = "image/png", Buffer = NotAnImage });
        await SendAsync(page, "Upload revision", 400);
        await ExpectPickerReadsAsync(page, "#file", "plain text", "file-hint");

        await page.GotoAsync($"/wrapups/{wrapUpId}/deliver");
        await SendAsync(page, "Deliver files", 400);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Choose at least one final file" })).ToBeFocusedAsync();
        await ExpectPickerReadsAsync(page, "#files", "Choose at least one final file", "files-hint");
        await ShotAsync(page, "creative-a11y-deliver-refused-390");
    }

    /// <summary>
    /// The accessibility tree of a creative's pages: an open project's card reads its title first, then its category and
    /// named prize; "My entries" gives two entries to one contest two different link names; and the handover's steps say
    /// "(done)" in words (a tick for the eye, hidden from readers) with the step now marked current.
    /// </summary>
    [Fact]
    public async Task Cards_entry_links_and_handover_steps_say_what_they_are_to_a_screen_reader()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Tia Tree");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Ari Aria");
        var projectId = await buyer.OpenProjectAsync("Aria tree tea-room logo", prizeMinor: 41_500);
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Tea", "entry", 2, 400, 300));
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Tea", "entry", 3, 400, 300));
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Aria tree bookshop sign");
        await creative.DeliverBriefFormatsAsync(wrapUpId, "Bookshop");

        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, creative.Email);

        await page.GotoAsync("/projects?sort=prize");
        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Aria tree tea-room logo" }) });
        await Assertions.Expect(card).ToMatchAriaSnapshotAsync("""
            - listitem:
              - heading "Aria tree tea-room logo" [level=3]:
                - link "Aria tree tea-room logo"
              - text: Logo Prize $415
              - list:
                - listitem: /Closes in \d+ days/
                - listitem: 2 entries
                - listitem: "Files: PNG, PDF"
            """);
        // The category and prize still show above the title.
        var (top, title) = (await card.Locator(".card-top").BoundingBoxAsync(), await card.GetByRole(AriaRole.Heading).BoundingBoxAsync());
        Assert.True(top!.Y < title!.Y, "The category and prize are no longer above the title.");

        await page.GotoAsync("/creative/entries");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aria tree tea-room logo (entry #1)", Exact = true })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aria tree tea-room logo (entry #2)", Exact = true })).ToHaveCountAsync(1);

        await page.GotoAsync("/wrapups/" + wrapUpId);
        var steps = page.GetByRole(AriaRole.List, new() { Name = "Handover progress" });
        await Assertions.Expect(steps).ToMatchAriaSnapshotAsync("""
            - list "Handover progress":
              - listitem: 1. Final files (done)
              - listitem: 2. Review
              - listitem: 3. Sign
              - listitem: 4. Done
            """);
        await Assertions.Expect(steps.Locator("[aria-current=step]")).ToHaveTextAsync("2. Review");
        await Assertions.Expect(steps.Locator("li.done")).ToContainTextAsync("✓");
        await ShotAsync(page, "creative-a11y-handover-steps-390");
    }

    /// <summary>
    /// A winner whose statement is still empty reads on Earnings where the prize is: held in escrow, what they will
    /// receive after the fee, and where the handover stands, linked; a creative who won nothing sees no such list.
    /// </summary>
    [Fact]
    public async Task Earnings_shows_a_won_prize_still_held_in_escrow_only_to_its_winner()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Hal Holder");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Wyn Waiting");
        using var other = await ApiSession.SignUpAsync(app, "creative", "Otto Other");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, winner, "Held prize harbour sign");
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, winner.Email);

        await page.GotoAsync("/creative/earnings");
        var held = page.GetByRole(AriaRole.Region, new() { Name = "Held for you in escrow" });
        await Assertions.Expect(held).ToContainTextAsync("You receive $255 after the marketplace fee when the handover completes.");
        await Assertions.Expect(held.GetByRole(AriaRole.Link, new() { Name = "Held prize harbour sign" })).ToHaveAttributeAsync("href", "/wrapups/" + wrapUpId);
        await Assertions.Expect(page.GetByText("No payouts yet.")).ToBeVisibleAsync();
        await ShotAsync(page, "creative-a11y-earnings-held-390");

        await using var otherContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var otherPage = await otherContext.NewPageAsync();
        await SignInAsync(otherPage, other.Email);
        await otherPage.GotoAsync("/creative/earnings");
        await Assertions.Expect(otherPage.GetByText("No payouts yet.")).ToBeVisibleAsync();
        await Assertions.Expect(otherPage.Locator("[data-held]")).ToHaveCountAsync(0);
    }

    /// <summary>axe at 390 px on each creative page this review changed, in the states changed: refused uploads included.</summary>
    [Fact]
    public async Task The_creative_pages_changed_by_the_review_have_no_WCAG_AA_violations_at_390_px()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ada Axe");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Cal Checked");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Axe corner café menu");
        var openProjectId = await buyer.OpenProjectAsync("Axe corner café logo");
        var entryId = await creative.SubmitEntryAsync(openProjectId);
        await creative.ReviseEntryAsync(entryId, "Axe", "Warmer brown.");

        async Task RefuseAsync(IPage page, string button)
        {
            if (await page.Locator("#file").CountAsync() > 0)
                await page.SetInputFilesAsync("#file", new FilePayload { Name = "art.png", MimeType = "image/png", Buffer = NotAnImage });
            await page.ClickAsync($"button:text-is('{button}')");
            await page.Locator("[data-errors] li").First.WaitForAsync();
        }

        Axe.AssertNone(await Axe.ViolationsAsync(app, page => SignInAsync(page, creative.Email), 390,
            new PageCheck("/projects", "the cards, title first"),
            new PageCheck("/projects/" + openProjectId, "the gallery with the creative's entry"),
            new PageCheck($"/projects/{openProjectId}/submit", "a text file refused", page => RefuseAsync(page, "Submit entry")),
            new PageCheck("/entries/" + entryId, "entry #1 with two versions"),
            new PageCheck($"/entries/{entryId}/revise", "a text file refused", page => RefuseAsync(page, "Upload revision")),
            new PageCheck("/creative/entries", "an entry and a win"),
            new PageCheck("/creative/earnings", "a won prize held in escrow"),
            new PageCheck("/wrapups/" + wrapUpId, "awaiting files"),
            new PageCheck($"/wrapups/{wrapUpId}/deliver", "no files chosen", page => RefuseAsync(page, "Deliver files"))));
    }

    /// <summary>The picker says it is invalid; the first thing it is described by is the reason, and its hint follows.</summary>
    private static async Task ExpectPickerReadsAsync(IPage page, string picker, string reason, string hintId)
    {
        var input = page.Locator(picker);
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
        var describedBy = (await input.GetAttributeAsync("aria-describedby"))!.Split(' ');
        Assert.Equal(2, describedBy.Length);
        Assert.Contains(reason, await page.Locator("#" + describedBy[0]).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(hintId, describedBy[1]);
        await Assertions.Expect(input).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(reason)));
    }

    /// <summary>Clicks the form's button and waits for the page the post answers with.</summary>
    private static async Task SendAsync(IPage page, string button, int status)
    {
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync($"button:text-is('{button}')"), r => r.Request.Method == "POST");
        Assert.Equal(status, response.Status);
        await page.WaitForLoadStateAsync();
    }

    private static async Task<int> EntryCountAsync(ApiSession buyer, string projectId) =>
        (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/projects/" + projectId))).GetProperty("activeEntryCount").GetInt32();
}
