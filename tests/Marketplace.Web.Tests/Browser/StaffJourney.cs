using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>What a staff member does in the console, by the labels and buttons they see.</summary>
public static class StaffJourney
{
    /// <summary>Signs in and opens the queue.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/signin");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", password);
        await page.ClickAsync("button:has-text('Sign in')");
        await ShouldSeeAsync(page, "Staff queue");
        await page.GotoAsync("/staff");
    }

    /// <summary>Opens one action's form on the case page (they are folded away).</summary>
    public static Task OpenAsync(IPage page, string summary) => page.ClickAsync($"summary:has-text(\"{summary}\")");

    /// <summary>Fills the consent fields of the form with the given id prefix.</summary>
    public static async Task ConsentAsync(IPage page, string form, string how, string reason)
    {
        await page.FillAsync($"#{form}-how", how);
        await page.FillAsync($"#{form}-reason", reason);
    }
}
