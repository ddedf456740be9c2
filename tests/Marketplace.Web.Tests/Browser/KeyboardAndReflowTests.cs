using System.Text.RegularExpressions;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// What axe cannot check, checked the way a person would: a core flow with the keyboard alone, focus landing on what a
/// refused form says, the skip link, and pages that reflow without sideways scrolling on a 320 px phone and with text
/// at 200 %.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class KeyboardAndReflowTests(MarketplaceAppFixture app)
{
    /// <summary>After each page load, only Tab, Enter and Space: the gallery link, a star, "Award this entry", and the confirmation.</summary>
    [Fact]
    public async Task A_buyer_rates_and_awards_an_entry_with_the_keyboard_alone()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Kim Keys");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Lou Lettering");
        var projectId = await buyer.OpenProjectAsync("Keyboard bakery logo");
        await creative.SubmitEntryAsync(projectId, DemoArt.Logo("Keyboard bakery", "entry", 2, 400, 300));

        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await SignInAsync(page, buyer.Email);
        await page.GotoAsync("/projects/" + projectId);

        await TabToAsync(page, "a[href^='/entries/']");
        await PressAndLoadAsync(page, "Enter");
        Assert.Matches("/entries/e-[a-z0-9-]+$", page.Url);

        await TabToAsync(page, "button[aria-label='4 of 5 stars']");
        await PressAndLoadAsync(page, "Space");
        await ShouldSeeAsync(page, "Rated 4 of 5.");
        Assert.Equal("true", await page.GetAttributeAsync("button[aria-label='4 of 5 stars']", "aria-pressed"));

        await TabToAsync(page, "a:text-is('Award this entry')");
        await PressAndLoadAsync(page, "Enter");
        Assert.EndsWith("/award", page.Url);

        await TabToAsync(page, "button:has-text('Yes, award Lou Lettering')");
        await PressAndLoadAsync(page, "Enter");
        Assert.Contains("/wrapups/" + projectId + "/1", page.Url);
        Assert.Equal("Awarded", (await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}"))).GetProperty("state").GetString());
    }

    /// <summary>
    /// The notifications page by keys alone: "Mark all as read" is reached and works, and focus lands on the status line that
    /// says so (the next Tab goes into the list); "Show older" is reached and, once the
    /// older ones load, focus is on the first of them (not back at the top), so the next Tab carries on down the list.
    /// </summary>
    [Fact]
    public async Task Notifications_mark_all_as_read_and_show_older_work_with_the_keyboard_and_focus_lands_on_the_first_older_one()
    {
        using var reader = await ApiSession.SignUpAsync(app, "buyer", "Kit Keyreader");
        await LongInbox.FillAsync(app, reader);
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, reader.Email);
        await page.GotoAsync("/notifications");

        await TabToAsync(page, "button:text-is('Mark all as read')");
        await PressAndLoadAsync(page, "Enter");
        await ShouldSeeAsync(page, "All notifications are marked as read.");
        Assert.Equal(0, await page.Locator(".notification.unread").CountAsync());
        // Focus is on the line that says what happened, not back at the top of the page; the next Tab is in the list.
        Assert.Equal(["status", "All notifications are marked as read."],
            await page.EvaluateAsync<string[]>("() => [document.activeElement.getAttribute('role'), document.activeElement.textContent.trim()]"));
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.closest('.notification') !== null"), "The Tab after the status line left the list.");

        await TabToAsync(page, "a:has-text('Show older (24 more)')");
        await PressAndLoadAsync(page, "Enter");
        Assert.Equal(41, await page.Locator(".notification").CountAsync());
        // Messages 44 to 25 were shown before; 24 is the newest of the older ones.
        Assert.Equal("Message number 24 about “Long list”.", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"),
            "The focused notice is not scrolled into view.");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Message number 23 about “Long list”.", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
    }

    /// <summary>
    /// The winner delivers finals by keys alone, from the handover page: the upload link, the file picker (Playwright sets
    /// the files on the focused input, as a picker would), a note typed in, "Deliver files", and the handover then in review.
    /// </summary>
    [Fact]
    public async Task A_creative_delivers_the_final_files_with_the_keyboard_alone()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Kay Keyboard");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Dee Deliverer");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, winner, "Keyboard corner shop sign");
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await SignInAsync(page, winner.Email);
        await page.GotoAsync("/wrapups/" + wrapUpId);

        await TabToAsync(page, "a[href$='/deliver']");
        await PressAndLoadAsync(page, "Enter");
        Assert.EndsWith("/deliver", page.Url);

        await TabToAsync(page, "#files");
        await page.Locator("#files:focus").SetInputFilesAsync(StaffedHandover.DefaultFinals("Corner").Select(f =>
            new FilePayload { Name = f.Name, MimeType = f.Name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png", Buffer = f.Bytes }));
        await TabToAsync(page, "#Note");
        await page.Keyboard.TypeAsync("Colours are in the PDF's swatches.");
        await TabToAsync(page, "button:text-is('Deliver files')");
        await PressAndLoadAsync(page, "Enter");

        Assert.EndsWith("/wrapups/" + wrapUpId, page.Url);
        var step = (await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/wrapups/" + wrapUpId))).GetProperty("step").GetString();
        Assert.Equal("InReview", step);
    }

    /// <summary>The first Tab on a page reaches "Skip to content", and Enter on it sends the next Tab into the page's own content, past the menu.</summary>
    [Fact]
    public async Task The_first_tab_stop_skips_the_menu_to_the_content()
    {
        await app.DemoSeeded;
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/projects");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        Assert.True(await page.EvaluateAsync<bool>("() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.width > 0; }"),
            "The skip link stays off screen when focused.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            $"After the skip link, Tab went to {await FocusedAsync(page)} instead of into the page's content.");
    }

    /// <summary>
    /// A form sent with mistakes comes back with focus on its list of errors (so a screen reader reads it first), and each
    /// refused field says it is invalid and is described by its own message.
    /// </summary>
    [Fact]
    public async Task A_refused_form_focuses_its_errors_and_ties_each_to_its_field()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Eve Errors");
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await SignInAsync(page, buyer.Email);
        await page.GotoAsync("/buyer/projects/new");
        await page.FillAsync("#Prize", "200");
        await page.ClickAsync("button:has-text('Continue to payment')");
        await page.Locator("[data-errors] li").First.WaitForAsync();

        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.matches('[data-errors]')"),
            $"Focus is on {await FocusedAsync(page)}, not the error summary.");
        var title = page.Locator("#Title");
        Assert.Equal("true", await title.GetAttributeAsync("aria-invalid"));
        var described = (await title.GetAttributeAsync("aria-describedby"))!.Split(' ');
        var message = await page.Locator("#" + described[0]).InnerTextAsync();
        Assert.Contains("title", message, StringComparison.OrdinalIgnoreCase);
        // A field sent right is not marked.
        Assert.Null(await page.Locator("#Prize").GetAttributeAsync("aria-invalid"));
    }

    /// <summary>
    /// WCAG 1.4.10 reflow: at 320 CSS px (a small phone, or 1280 px at 400 % zoom) and at 640 px with text at 200 %, no page
    /// scrolls sideways. A failure names the elements that stick out past the window.
    /// </summary>
    [Fact]
    public async Task Pages_fit_a_320_px_phone_and_text_at_200_percent_without_sideways_scrolling()
    {
        await app.DemoSeeded;
        string[] visitorPages = ["/", "/projects", "/projects/p-demo-crumb", "/entries/e-demo-crumb-1", "/account/signin", "/account/signup", "/help"];
        string[] buyerPages = ["/buyer/projects", "/buyer/projects/new", "/entries/e-demo-crumb-1/award", "/wrapups/p-demo-spokes/1", "/wrapups/p-demo-tide/1", "/account"];
        string[] creativePages = ["/creative/entries", "/projects/p-demo-jazz/submit", "/entries/e-demo-crumb-2/revise", "/entries/e-demo-crumb-1"];
        string[] staffPages = ["/staff", "/staff/users", "/staff/cases/p-demo-tide/1", "/staff/reports", "/staff/reports/e-demo-crumb-4"];
        var overflowing = new List<string>();
        foreach (var (signIn, paths) in new (Func<IPage, Task>?, string[])[]
                 {
                     (null, visitorPages),
                     (page => SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password), buyerPages),
                     (page => SignInAsync(page, "dev@demo.marketplace", DemoSeeder.Password), creativePages),
                     (page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), staffPages),
                 })
        {
            await using var context = await app.NewContextAsync(phone: true);
            var page = await context.NewPageAsync();
            if (signIn is not null) await signIn(page);
            foreach (var path in paths)
            {
                await page.SetViewportSizeAsync(320, 640);
                var response = await page.GotoAsync(path);
                Assert.True(response?.Status == 200, $"{path} answered {response?.Status}, so its layout was not checked.");
                overflowing.AddRange(await SticksOutAsync(page, path + " at 320 px"));

                await page.SetViewportSizeAsync(640, 900);
                // Chromium's text size setting scales the root font size; every size in the stylesheet is in rem or em.
                await page.EvaluateAsync("() => document.documentElement.style.fontSize = '200%'");
                overflowing.AddRange(await SticksOutAsync(page, path + " at 640 px, text 200 %"));
            }
        }

        Assert.True(overflowing.Count == 0, "Pages scroll sideways:" + Environment.NewLine + string.Join(Environment.NewLine, overflowing));
    }

    /// <summary>Empty when the page is no wider than the window; else the page and the outermost elements reaching past its right edge.</summary>
    private static async Task<string[]> SticksOutAsync(IPage page, string where)
    {
        var culprits = await page.EvaluateAsync<string[]>(
            """
            () => {
                const width = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= width) return [];
                const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > width + 1);
                const outermost = wide.filter(e => !wide.includes(e.parentElement));
                return [`scrollWidth ${document.documentElement.scrollWidth} > ${width}`,
                        ...outermost.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ` (${Math.round(e.getBoundingClientRect().right)} px)`)];
            }
            """);
        return culprits.Length == 0 ? [] : [$"{where}: {string.Join(", ", culprits)}"];
    }

    /// <summary>Presses the key and waits until the page it leads to (after any redirect) has loaded.</summary>
    private static async Task PressAndLoadAsync(IPage page, string key)
    {
        var landed = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync(key), r => r.Request.IsNavigationRequest && r.Status == 200);
        await ArrivedAsync(page, Regex.Escape(new Uri(landed.Url).PathAndQuery));
    }

}
