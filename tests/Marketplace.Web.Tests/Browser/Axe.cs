using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Browser;

/// <summary>One page to check: its path, what state it is in, what to do on it first (e.g. send a form with a mistake), and whether to check it at desktop width too.</summary>
public sealed record PageCheck(string Path, string? State = null, Func<IPage, Task>? Then = null, bool Desktop = false, int Status = 200)
{
    public override string ToString() => State is null ? Path : $"{Path} ({State})";
}

/// <summary>
/// axe-core (the version <c>Deque.AxeCore.Playwright</c> bundles, 4.14) in Chromium, shared by the tests on the shared
/// app and those on the clocked app. The rules run are WCAG 2.0, 2.1 and 2.2 A and AA (2.2 AA adds <c>target-size</c>,
/// 2.5.8: every link and button at least 24×24 px or spaced as if it were), plus axe's best practices.
/// </summary>
public static class Axe
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
        // axe ships target-size switched off; named here so it runs whatever the tag matching does.
        Rules = new Dictionary<string, RuleOptions> { ["target-size"] = new() { Enabled = true } },
    };

    /// <summary>Fails once, listing every violation found on every page checked.</summary>
    public static void AssertNone(IReadOnlyList<string> found) =>
        Assert.True(found.Count == 0, $"Accessibility violations (axe: WCAG 2.2 A/AA and best practices):{Environment.NewLine}{string.Join("", found)}");

    /// <summary>
    /// Checks the pages on a phone (<paramref name="phoneWidth"/> px wide) and those marked <see cref="PageCheck.Desktop"/>
    /// at desktop width too, and describes every violation found. Each viewport is one signed-in browser profile whose
    /// pages are checked a few at a time: much of an axe run is waiting (it finishes its report in a fresh blank page), so
    /// side by side is quicker.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(MarketplaceAppFixture app, Func<IPage, Task>? signIn, int phoneWidth, params PageCheck[] pages)
    {
        var refusedBefore = app.PolicyViolations.Count;
        var viewports = pages.Any(p => p.Desktop) ? new[] { true, false } : [true];
        var reports = await Task.WhenAll(viewports.Select(async phone =>
        {
            await using var context = await app.NewContextAsync(phone, phoneWidth);
            // Signing in (or, for a visitor, opening a form) sets the antiforgery cookie before pages load side by side:
            // two first visits at once would each be given a cookie, and the form of the one overwritten would be refused.
            var first = await context.NewPageAsync();
            if (signIn is not null) await signIn(first);
            else await first.GotoAsync("/account/signin");
            await first.CloseAsync();
            using var slots = new SemaphoreSlim(3);
            return await Task.WhenAll(pages.Where(p => phone || p.Desktop).Select(async check =>
            {
                await slots.WaitAsync();
                try
                {
                    return Describe(check, phone ? $"phone {phoneWidth}×640" : "desktop 1280×900", await RunAxeAsync(context, check));
                }
                finally
                {
                    slots.Release();
                }
            }));
        }));

        // axe is injected through the DevTools protocol, which the page's Content-Security-Policy does not govern; its
        // checks must not make the browser refuse anything either (the tests in a collection run one at a time).
        var refused = app.PolicyViolations.Skip(refusedBefore).Select(r => $"Refused by the Content-Security-Policy: {r}{Environment.NewLine}");
        return [.. reports.SelectMany(r => r).Where(r => r.Length > 0), .. refused];
    }

    private static async Task<AxeResultItem[]> RunAxeAsync(IBrowserContext context, PageCheck check)
    {
        var page = await context.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(check.Path);
            Assert.True(response?.Status == check.Status, $"{check.Path} answered {response?.Status}, not {check.Status}.");
            if (check.Then is not null) await check.Then(page);
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            var result = await page.RunAxe(WcagAA);
            Assert.True(RuleRan(result, "target-size"), $"axe did not run target-size on {check}: the page's tap targets went unchecked.");
            return result.Violations;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static bool RuleRan(AxeResult result, string ruleId) =>
        new[] { result.Violations, result.Passes, result.Incomplete, result.Inapplicable }.Any(items => items?.Any(r => r.Id == ruleId) == true);

    /// <summary>Each violation: page and viewport, rule id, impact, help text and link, then each offending element's selector and what is wrong with it.</summary>
    private static string Describe(PageCheck check, string viewport, AxeResultItem[] violations)
    {
        var report = new StringBuilder();
        foreach (var v in violations)
        {
            report.AppendLine($"{check} at {viewport}: {v.Id} ({v.Impact}) — {v.Help} [{v.HelpUrl}]");
            foreach (var node in v.Nodes) report.AppendLine($"    {node.Target} — {Why(node)}");
        }

        return report.ToString();
    }

    /// <summary>What axe says is wrong with one element (e.g. "Element has insufficient color contrast of 3.2 …").</summary>
    private static string Why(AxeResultNode node) =>
        string.Join("; ", (node.All ?? []).Concat(node.None ?? []).Concat(node.Any ?? []).Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct()).ReplaceLineEndings(" ");
}
