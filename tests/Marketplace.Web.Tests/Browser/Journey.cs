using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Browser;

/// <summary>What a person does in the browser, step by step, by labels and button texts they see.</summary>
public static class Journey
{
    public const string Password = "a long enough password";

    public static async Task<string> SignUpAsync(IPage page, string role, string name)
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync($"/account/signup?role={role}");
        await page.FillAsync("#DisplayName", name);
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("button:has-text('Create account')");
        await LeftAsync(page, "/account/signup");
        return email;
    }

    public static async Task SignInAsync(IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button:has-text('Sign in')");
        await LeftAsync(page, "/account/signin");
    }

    /// <summary>
    /// Waits until the form's answer took the browser to another page (its cookie is set by then), by polling the URL.
    /// No load-event wait at all: on a busy machine a load event can fire between such a wait's check and its
    /// subscription, and it then waits out its whole timeout (seen in CI twice, with <c>WaitForLoadStateAsync</c> and with
    /// <c>WaitForURLAsync</c>, which waits for a load state when the URL already changed; only "NetworkIdle" logged).
    /// </summary>
    private static Task LeftAsync(IPage page, string formPath) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("^[a-z]+://[^/]+" + Regex.Escape(formPath)), new() { Timeout = 30_000 });

    /// <summary>
    /// Waits until a click or key took the browser to a page whose path (and query) matches <paramref name="pathPattern"/>,
    /// a regular expression, and that page finished loading, both by polling, for the reason <see cref="LeftAsync"/> gives.
    /// Reads after it (<c>CountAsync</c>, <c>InnerTextAsync</c>) then see the new page whole.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, string pathPattern)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("^[a-z]+://[^/]+" + pathPattern + "$"), new() { Timeout = 30_000 });
        await LoadedAsync(page);
    }

    /// <summary>
    /// Polls <c>document.readyState</c> from the test (not <c>WaitForFunctionAsync</c>, whose polling evaluates a string
    /// in the page, which the site's Content-Security-Policy refuses). A read that lands mid-navigation is retried.
    /// </summary>
    private static async Task LoadedAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<string>("document.readyState") == "complete") return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // The execution context went away with a navigation; read the next document.
            }

            if (DateTime.UtcNow >= deadline) throw new TimeoutException($"{page.Url} did not finish loading within 30 s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the text; on failure saves a screenshot (FAILED-*.png) and the page's visible text in the message.</summary>
    public static async Task ShouldSeeAsync(IPage page, string text)
    {
        try
        {
            await Assertions.Expect(page.GetByText(text).First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        }
        catch (PlaywrightException)
        {
            await ShotAsync(page, "FAILED-" + Guid.NewGuid().ToString("N")[..6]);
            var body = await page.InnerTextAsync("main");
            throw new Xunit.Sdk.XunitException($"Expected to see \"{text}\" on {page.Url}; the page says: {body}");
        }
    }

    public static async Task<int> StatusOfAsync(IPage page, string url) => (await page.Context.APIRequest.GetAsync(url)).Status;

    public static Task ShotAsync(IPage page, string name) => MarketplaceAppFixture.ScreenshotAsync(page, name);

    /// <summary>Presses Tab until the focused element matches the selector; fails, naming what was focused, after 80 presses.</summary>
    public static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        for (var tab = 0; tab < 80; tab++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }

        throw new Xunit.Sdk.XunitException($"80 presses of Tab on {page.Url} never reached {selector}; focus ended on {await FocusedAsync(page)}.");
    }

    /// <summary>The focused element, for a failure message: its tag and the start of its name.</summary>
    public static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.tagName + ' \"' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40) + '\"'; }");
}
