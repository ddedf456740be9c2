using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// The button that submits each key form is a thumb's target on a 390 px phone: at least 44 px tall (Apple's and
/// Google's guidance; WCAG 2.2's 24 px minimum is axe's <c>target-size</c> rule in <see cref="Axe"/>). Measured in
/// Chromium with folded <c>details</c> opened; a failure names every button that is too small, and where.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class TapTargetTests(MarketplaceAppFixture app)
{
    private const int MinimumHeight = 44;

    /// <summary>A page and the names of the primary actions on it.</summary>
    private sealed record Actions(string Path, params string[] Buttons);

    [Fact]
    public async Task Every_primary_action_is_at_least_44_px_tall_on_a_390_px_phone()
    {
        await app.DemoSeeded;
        var tooSmall = new List<string>();
        tooSmall.AddRange(await TooSmallAsync(page => SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password),
            new Actions("/buyer/projects/new", "Continue to payment"),
            new Actions("/buyer/projects/p-demo-orchard/fund", "Pay "),
            new Actions("/projects/p-demo-crumb", "Extend the entry period", "Close entries now"),
            new Actions("/projects/p-demo-crumb/close-entries", "Yes, close entries now"),
            new Actions("/entries/e-demo-crumb-1/award", "Yes, award"),
            new Actions("/entries/e-demo-crumb-2", "Post comment"),
            new Actions("/wrapups/p-demo-spokes/1", "Approve the files", "Approve these files", "Send change request", "Send to the creative", "Ask staff for help", "Open dispute"),
            new Actions("/notifications", "Mark all as read")));
        tooSmall.AddRange(await TooSmallAsync(page => SignInAsync(page, "dev@demo.marketplace", DemoSeeder.Password),
            new Actions("/projects/p-demo-jazz/submit", "Submit entry"),
            new Actions("/entries/e-demo-crumb-2/revise", "Upload revision"),
            new Actions("/wrapups/p-demo-spokes/1", "Send to the buyer")));

        // Delivering and signing are steps no demo handover is at.
        using var awaitingFiles = await ApiSession.SignUpAsync(app, "buyer", "Tia Tapwell");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Tom Thumb");
        var wrapUpId = await StaffedHandover.AwardedAsync(awaitingFiles, winner, "Thumb-sized stall sign");
        tooSmall.AddRange(await TooSmallAsync(page => SignInAsync(page, winner.Email), new Actions($"/wrapups/{wrapUpId}/deliver", "Deliver files")));
        using var approved = await StaffedHandover.DeliveredAsync(app, "Signing kiosk menu", "Sid Signer", "Sue Sketch");
        await approved.Buyer.ReadAsync(await approved.Buyer.PostJsonAsync(approved.ApiPath + "/approve", new { note = "Lovely." }));
        tooSmall.AddRange(await TooSmallAsync(page => SignInAsync(page, approved.Buyer.Email), new Actions(approved.PagePath, "Sign the agreement")));

        Assert.True(tooSmall.Count == 0, $"Primary actions under {MinimumHeight} px tall on a 390 px phone:{Environment.NewLine}{string.Join(Environment.NewLine, tooSmall)}");
    }

    /// <summary>
    /// Everything in the header a thumb presses (the signed-in menu with Sign out; Browse, Help, Sign in and Join for a
    /// visitor) and every button on the staff console (the queue, a held case with each of its forms opened, the users
    /// list, a reported entry with its dismiss and remove forms opened, and the console's own Queue/Users links) is at least 44 px tall on a 390 px phone: staff answer from a phone
    /// too. Each page is shot into TestResults so a taller control that broke the layout is seen.
    /// </summary>
    [Fact]
    public async Task The_header_menu_and_the_staff_console_are_at_least_44_px_tall_on_a_390_px_phone()
    {
        await app.DemoSeeded;
        using var held = await StaffedHandover.DeliveredAsync(app, "Thumb awning lettering", "Ada Awning", "Ben Brush");
        await held.HelpedAsync();
        var reported = await ReportedEntryAsync();
        const string Header = ".site-nav a, .site-nav button";
        const string Console = Header + ", .staff-nav a, main button, main a.button, main summary";

        var tooSmall = new List<string>();
        tooSmall.AddRange(await TooSmallControlsAsync(_ => Task.CompletedTask,
            new Controls("/", Header, "Browse", "Sign in", "Join"),
            new Controls("/projects", Header, "Browse", "Sign in", "Join")));
        tooSmall.AddRange(await TooSmallControlsAsync(page => SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password),
            new Controls("/notifications", Header, "Post a project", "My projects", "Notifications", "Account", "Sign out")));
        tooSmall.AddRange(await TooSmallControlsAsync(page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword),
            new Controls("/staff", Console, "Staff queue", "Queue", "Users", "Release"),
            new Controls("/staff/cases/" + held.WrapUpId, Console, "Release", "Message a party", "Approve the files for the buyer"),
            new Controls("/staff/users", Console, "Queue", "Users"),
            new Controls("/staff/reports/" + reported, Console, "Dismiss: leave the entry", "Dismiss the reports", "Remove entry #2")));

        Assert.True(tooSmall.Count == 0, $"Controls under {MinimumHeight} px tall on a 390 px phone:{Environment.NewLine}{string.Join(Environment.NewLine, tooSmall)}");
    }

    /// <summary>Entry #2 of a fresh contest, reported by the creative of entry #1: its staff page has both forms.</summary>
    private async Task<string> ReportedEntryAsync()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Rae Reach");
        using var first = await ApiSession.SignUpAsync(app, "creative", "Fay First");
        using var second = await ApiSession.SignUpAsync(app, "creative", "Sol Second");
        var project = await buyer.OpenProjectAsync("Thumb-reach bakery logo");
        await first.SubmitEntryAsync(project, DemoArt.Logo("Thumb", "first", 2, 400, 300));
        var entry = await second.SubmitEntryAsync(project, DemoArt.Logo("Thumb", "second", 3, 400, 300));
        await first.ReadAsync(await first.PostJsonAsync($"/api/v1/entries/{entry}/reports", new { reason = "copies-another-entry", copiesEntryNumber = 1 }), System.Net.HttpStatusCode.Created);
        return entry;
    }

    /// <summary>A page, the controls on it to measure (a CSS selector), and names that must be among them, so a selector that stops matching fails.</summary>
    private sealed record Controls(string Path, string Selector, params string[] MustInclude);

    private sealed record Measured(string Name, double Width, double Height);

    /// <summary>Every shown control the selector matches, measured with folded <c>details</c> opened; each page is shot as it was measured.</summary>
    private async Task<IEnumerable<string>> TooSmallControlsAsync(Func<IPage, Task> signIn, params Controls[] pages)
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await signIn(page);
        var found = new List<string>();
        foreach (var (path, selector, mustInclude) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}, so its controls were not measured.");
            await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
            var json = await page.EvaluateAsync<string>("""
                selector => JSON.stringify([...document.querySelectorAll(selector)]
                    .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
                    .map(e => { const r = e.getBoundingClientRect(); return { name: e.innerText.trim().replace(/\s+/g, ' '), width: r.width, height: r.height }; }))
                """, selector);
            var controls = System.Text.Json.JsonSerializer.Deserialize<List<Measured>>(json, ApiSession.Json)!;
            foreach (var name in mustInclude)
            {
                Assert.True(controls.Any(c => c.Name.StartsWith(name, StringComparison.Ordinal)), $"{path} shows no “{name}” among: {string.Join(", ", controls.Select(c => c.Name))}");
            }

            found.AddRange(controls.Where(c => c.Height < MinimumHeight).Select(c => $"{path}: “{c.Name}” is {c.Width:0}×{c.Height:0} px"));
            await ShotAsync(page, "tap-targets-390-" + (path == "/" ? "home" : string.Join('-', path.Split('/', StringSplitOptions.RemoveEmptyEntries).Take(2))));
        }

        return found;
    }

    /// <summary>Each named button (or button-styled link) in the page's content, measured; a name not found fails the test, so a renamed button is never skipped.</summary>
    private async Task<IEnumerable<string>> TooSmallAsync(Func<IPage, Task> signIn, params Actions[] pages)
    {
        await using var context = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var page = await context.NewPageAsync();
        await signIn(page);
        var found = new List<string>();
        foreach (var (path, buttons) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Status == 200, $"{path} answered {response?.Status}, so its buttons were not measured.");
            await page.EvaluateAsync("() => document.querySelectorAll('main details').forEach(d => d.open = true)");
            foreach (var name in buttons)
            {
                var button = page.Locator($"main button:has-text(\"{name}\"), main a.button:has-text(\"{name}\")").First;
                Assert.True(await button.CountAsync() == 1, $"{path} has no button named “{name}”.");
                var box = await button.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException($"“{name}” on {path} is not shown.");
                if (box.Height < MinimumHeight) found.Add($"{path}: “{(await button.InnerTextAsync()).Trim()}” is {box.Width:0}×{box.Height:0} px");
            }
        }

        return found;
    }
}
