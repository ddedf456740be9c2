using Marketplace.Contracts.WrapUps;
using Marketplace.Testing.Cluster;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// axe-core in Chromium on the key pages, as the people who use them: a visitor, a buyer, a creative, staff and a printer
/// opening the link staff sent. The rules run are WCAG 2.0/2.1/2.2 A and AA (2.2 adds the 24 px target size), plus axe's
/// best practices, which is where landmarks and heading order live (see <see cref="Axe"/>).
/// <para>
/// Every page is checked on a 360×640 phone, the narrowest the pages are built for (390 px is the same single column,
/// with more room; the pages designed on a 390 px phone are checked at that width). The pages with a different desktop layout (the home page's card grid, the
/// brief beside the gallery, the entry beside its forms, the wrap-up, the staff case) are checked at 1280×900 too; the
/// other pages are the same single column at both widths, and each axe run costs over a second, so checking them twice
/// would add time and find nothing new.
/// </para>
/// <para>
/// The pages show the demo marketplace (seeded as <c>./run.sh</c> does) plus a rating, a comment, forms sent with
/// mistakes, a draft awaiting payment, a handover awaiting files and a case held by staff, so stars, error summaries,
/// the upload forms, disputes and every staff form are there to check; folded <c>details</c> are opened first so the
/// forms inside are checked too. A failure lists every violation with the page, viewport, rule id, impact, help text,
/// and each offending element's selector with what is wrong with it.
/// </para>
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class AccessibilityTests(MarketplaceAppFixture app)
{
    /// <summary>The narrowest phone the pages are built for: where wrapping crowds targets most.</summary>
    private const int Phone = 360;

    /// <summary>
    /// axe does not check focus indicators, so this does: tabbing through the sign-in page up to its button, every focused control shows
    /// an outline at least 3:1 against the page behind it (WCAG 2.1, 1.4.11), so keyboard users can see where they are.
    /// </summary>
    [Fact]
    public async Task The_keyboard_focus_ring_stands_out_at_least_3_to_1_from_the_page()
    {
        await using var context = await app.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/signin");

        var checkedControls = new List<string>();
        for (var tab = 0; tab < 15 && !checkedControls.Any(c => c.StartsWith("BUTTON", StringComparison.Ordinal)); tab++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>(
                """
                () => {
                    const e = document.activeElement, s = getComputedStyle(e);
                    // The outline sits outside the control, on the nearest ancestor that paints a background.
                    let behind = e.parentElement;
                    while (behind && ['transparent', 'rgba(0, 0, 0, 0)'].includes(getComputedStyle(behind).backgroundColor)) behind = behind.parentElement;
                    const background = behind ? getComputedStyle(behind).backgroundColor : 'rgb(255, 255, 255)';
                    return [e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 20), s.outlineStyle, s.outlineWidth, s.outlineColor, background];
                }
                """);
            Assert.True(focused[1] != "none" && focused[2] != "0px", $"{focused[0]} shows no focus outline ({focused[1]} {focused[2]}).");
            var ratio = Contrast(Rgb(focused[3]), Rgb(focused[4]));
            Assert.True(ratio >= 3, $"{focused[0]}: focus outline {focused[3]} is only {ratio:0.00}:1 against {focused[4]} behind it.");
            checkedControls.Add(focused[0]);
        }

        Assert.Contains(checkedControls, c => c.StartsWith("INPUT#Email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Public_pages_have_no_WCAG_AA_violations_on_a_phone_or_a_desktop()
    {
        await app.DemoSeeded;
        // A real reset link, so the new-password form is checked as its owner sees it.
        using var forgetful = await ApiSession.SignUpAsync(app, "buyer", "Fay Forgetful");
        await forgetful.ReadAsync(await forgetful.PostJsonAsync("/api/v1/account/password-reset", new { email = forgetful.Email }), System.Net.HttpStatusCode.Accepted);
        var resetLink = "/account/reset?token=" + Uri.EscapeDataString(await ResetMail.WaitForTokenAsync(app.MailFolder, forgetful.Email));
        await AssertAccessibleAsync(signIn: null,
            new("/", Desktop: true),
            new("/projects"),
            new("/projects/p-demo-crumb", Desktop: true),
            new("/entries/e-demo-crumb-1"),
            new("/account/signin", "after a wrong password", async page =>
            {
                await page.FillAsync("#Email", "nobody@example.com");
                await page.FillAsync("#Password", "not the password");
                await page.ClickAsync("button:has-text('Sign in')");
                await page.Locator("[data-errors] li").First.WaitForAsync();
            }),
            new("/account/signup"),
            new("/account/forgot"),
            new("/account/forgot", "sent", async page =>
            {
                await page.FillAsync("#Email", "nobody@example.com");
                await page.ClickAsync("button:has-text('Send me a link')");
                await page.Locator("[role=status]").First.WaitForAsync();
            }),
            new(resetLink, "the new-password form, sent with two different passwords", async page =>
            {
                await page.FillAsync("#Password", "a brand new sentence");
                await page.FillAsync("#ConfirmPassword", "another sentence");
                await page.ClickAsync("button:has-text('Set new password')");
                await page.Locator("[data-errors] li").First.WaitForAsync();
            }),
            new("/account/reset?token=not-a-token", "a link that is not valid", Status: 404),
            new("/help"),
            new("/no-such-page", "the not-found page", Status: 404));
    }

    [Fact]
    public async Task Buyer_pages_have_no_WCAG_AA_violations_on_a_phone_or_a_desktop()
    {
        await app.DemoSeeded;
        await AssertAccessibleAsync(async page =>
            {
                await SignInAsync(page, "bea@demo.marketplace", DemoSeeder.Password);
                // A rated entry shows its stars in the gallery and on the entry page.
                await page.GotoAsync("/entries/e-demo-crumb-2");
                await page.ClickAsync("button[aria-label='4 of 5 stars']");
                await ShouldSeeAsync(page, "Rated 4 of 5.");
            },
            new("/buyer/projects"),
            new("/account", "changing the password, the current one wrong", async page =>
            {
                await page.FillAsync("#CurrentPassword", "not her password");
                await page.FillAsync("#NewPassword", "a brand new sentence");
                await page.FillAsync("#ConfirmPassword", "a brand new sentence");
                await page.ClickAsync("button:has-text('Change password')");
                await page.Locator("[data-errors] li").First.WaitForAsync();
            }),
            new("/notifications", "what the seeded handovers told her"),
            new("/buyer/projects/new", "sent empty", async page =>
            {
                await page.ClickAsync("button:has-text('Continue to payment')");
                await page.Locator("[data-errors] li").First.WaitForAsync();
            }),
            new("/buyer/projects/new", "filled in, on to payment", async page =>
            {
                await page.FillAsync("#Title", "Shop sign for Crumb & Co");
                await page.SelectOptionAsync("#Category", "logo");
                await page.FillAsync("#Description", "A painted sign above the shop door, matching our new logo.");
                await page.FillAsync("#Prize", "200");
                await page.ClickAsync("button:has-text('Continue to payment')");
                await ArrivedAsync(page, "/buyer/projects/[^/?]+/fund");
            }),
            new("/entries/e-demo-crumb-1/award", "asked to confirm"),
            new("/projects/p-demo-crumb", "with a rated entry"),
            new("/entries/e-demo-crumb-2", "rated, after a comment", async page =>
            {
                await page.FillAsync("#comment-text", "Lovely warm colours. Could the wordmark be bolder?");
                await page.ClickAsync("button:has-text('Post comment')");
                await ShouldSeeAsync(page, "Could the wordmark be bolder?");
            }, Desktop: true),
            new("/wrapups/p-demo-spokes/1", "files in review", Desktop: true),
            new("/wrapups/p-demo-tide/1", "disputed"),
            new("/wrapups/p-demo-fern/1", "complete: download all as a zip, a print PDF's first page (page 1 of 2)", Desktop: true));
    }

    /// <summary>
    /// Pages added since the lists above were written, at 390 px (the phone the notifications page was designed on): the
    /// notifications page with every group, "Mark all as read" and "Show older", then with the older ones shown; and a
    /// handover whose print PDF could not be drawn, which says so in the preview's place.
    /// </summary>
    [Fact]
    public async Task Notifications_in_groups_and_a_final_without_a_preview_have_no_WCAG_AA_violations_on_a_390_px_phone()
    {
        using var reader = await ApiSession.SignUpAsync(app, "buyer", "Nia Noticeboard");
        await LongInbox.FillAsync(app, reader);
        var notifications = await Axe.ViolationsAsync(app, page => SignInAsync(page, reader.Email), 390,
            new("/notifications", "needs you, new and earlier, with Show older"),
            new("/notifications?show=40", "older ones shown"));
        using var undrawn = await StaffedHandover.DeliveredAsync(app, "Undrawn leaflet", "Una Undrawn", "Per Printfile");
        var handover = await Axe.ViolationsAsync(app, page => SignInAsync(page, undrawn.Buyer.Email), 390,
            new PageCheck(undrawn.PagePath, "in review, its PDF could not be drawn"));
        Axe.AssertNone([.. notifications, .. handover]);
    }

    [Fact]
    public async Task Creative_pages_have_no_WCAG_AA_violations_on_a_phone()
    {
        await app.DemoSeeded;
        var demoPages = await Axe.ViolationsAsync(app, page => SignInAsync(page, "dev@demo.marketplace", DemoSeeder.Password), Phone,
            new("/creative/entries"),
            new("/projects/p-demo-jazz/submit"),
            new("/entries/e-demo-crumb-2/revise"),
            new("/wrapups/p-demo-spokes/1", "the winner's side, files in review"),
            new("/account/signout", "asked to confirm"));
        // The upload form for the finals is there only while the files are awaited, which no demo handover is.
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Ida Inkwell");
        using var winner = await ApiSession.SignUpAsync(app, "creative", "Kai Kerning");
        var awaitingFiles = await StaffedHandover.AwardedAsync(buyer, winner, "Menu board lettering");
        var deliverPage = await Axe.ViolationsAsync(app, page => SignInAsync(page, winner.Email), Phone,
            new PageCheck($"/wrapups/{awaitingFiles}/deliver", "files awaited"));
        Axe.AssertNone([.. demoPages, .. deliverPage]);
    }

    [Fact]
    public async Task Staff_pages_have_no_WCAG_AA_violations_on_a_phone_or_a_desktop()
    {
        await app.DemoSeeded;
        // A case this staff member holds, delivered and in review: its page shows every action form.
        using var held = await StaffedHandover.DeliveredAsync(app, "Cafe awning lettering", "Ada Awning", "Ben Brush");
        await held.HelpedAsync();
        // The printer's link, which staff sent from that case; the printer opens it without an account.
        var link = await held.Grain.CreateDeliveryLinkAsync(held.Staff, new ThirdPartyRecipient("Quick Print Ltd", "orders@quickprint.example"),
            TimeSpan.FromDays(2), held.ForBuyer("phone call", "the sign maker needs the files"));
        var staffPages = await Axe.ViolationsAsync(app, page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), Phone,
            new("/staff"),
            new("/staff/cases/" + held.WrapUpId, "held, a printer's link sent, every action form open", Desktop: true),
            new("/staff/cases/p-demo-tide/1", "disputed, evidence on both sides"),
            new("/staff/users"),
            new("/entries/e-demo-crumb-2", "staff: the removal form open", async page =>
            {
                await page.ClickAsync("summary:has-text('Remove this entry')");
                await page.FillAsync("#remove-reason", "It copies a registered trademark.");
            }, Desktop: true));
        var printerPage = await Axe.ViolationsAsync(app, signIn: null, Phone, new PageCheck("/delivery/" + link.Token, "the printer's landing page"));
        Axe.AssertNone([.. staffPages, .. printerPage]);
    }

    private async Task AssertAccessibleAsync(Func<IPage, Task>? signIn, params PageCheck[] pages) =>
        Axe.AssertNone(await Axe.ViolationsAsync(app, signIn, Phone, pages));

    /// <summary>"rgb(r, g, b)" or "rgba(r, g, b, a)" as computed styles give them.</summary>
    private static double[] Rgb(string css) =>
        css[(css.IndexOf('(') + 1)..css.IndexOf(')')].Split(',').Take(3).Select(c => double.Parse(c, System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();

    /// <summary>The WCAG contrast ratio of two sRGB colours.</summary>
    private static double Contrast(double[] a, double[] b)
    {
        static double Luminance(double[] c)
        {
            var linear = c.Select(v => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4)).ToArray();
            return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
        }

        var (dark, light) = (Math.Min(Luminance(a), Luminance(b)), Math.Max(Luminance(a), Luminance(b)));
        return (light + 0.05) / (dark + 0.05);
    }
}
