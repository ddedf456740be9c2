using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

/// <summary>
/// In Chromium on a 390 px phone: a creative reports a later entry as a copy of hers; staff open the report, see the
/// two entries side by side with their numbers and dates, and remove the copy; the reporter reads the outcome. axe
/// checks the report form and both staff pages.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed class EntryReportBrowserTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_creative_reports_a_copy_on_a_phone_and_staff_see_it_beside_the_original_and_remove_it()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Bea Browser");
        using var orla = await ApiSession.SignUpAsync(app, "creative", "Orla Original");
        using var cody = await ApiSession.SignUpAsync(app, "creative", "Cody Copy");
        var projectId = await buyer.OpenProjectAsync("Logo for Gull Point ferries");
        await orla.SubmitEntryAsync(projectId, DemoArt.Logo("Gull Point", "first", 2, 400, 300));
        var copy = await cody.SubmitEntryAsync(projectId, DemoArt.Logo("Gull Point", "copy", 3, 400, 300));
        var offBrief = await cody.SubmitEntryAsync(projectId, DemoArt.Logo("Gull Point", "spam", 4, 400, 300));

        await using var phoneContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var phone = await phoneContext.NewPageAsync();
        await SignInAsync(phone, orla.Email);
        await phone.GotoAsync("/entries/" + copy);
        await phone.ClickAsync("summary:has-text('Report this entry')");
        await phone.CheckAsync("input[value='copies-another-entry']");
        await phone.FillAsync("#report-copies", "1");
        await phone.FillAsync("#report-note", "The gull and the wave are mine, flipped.");
        foreach (var target in new[] { "summary:has-text('Report this entry')", "button:has-text('Send report to staff')" })
        {
            var box = await phone.Locator(target).BoundingBoxAsync();
            Assert.True(box is { Height: >= 44 }, $"{target} is {box?.Height} px tall on a 390 px phone; a finger needs 44.");
        }

        await phone.ClickAsync("button:has-text('Send report to staff')");
        await ShouldSeeAsync(phone, "Thank you. Staff will look at this entry");
        await ShouldSeeAsync(phone, "You reported this entry on");
        await ShotAsync(phone, "70-entry-reported-phone");

        await using var staffContext = await app.NewContextAsync(phone: true, phoneWidth: 390);
        var staff = await staffContext.NewPageAsync();
        await StaffJourney.SignInAsync(staff, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        await staff.ClickAsync(".staff-nav a:has-text('Reports')");
        await staff.ClickAsync($"[data-reported-entry='{copy}'] a:has-text('Review entry #2')");
        await ShouldSeeAsync(staff, "Entry #2 was submitted after #1.");
        await ShouldSeeAsync(staff, "The gull and the wave are mine, flipped.");
        var reported = await staff.Locator("[data-reported-preview] img").BoundingBoxAsync();
        var original = await staff.Locator("[data-copied-preview='1'] img").BoundingBoxAsync();
        Assert.True(reported is not null && original is not null, "both previews are shown");
        Assert.True(Math.Abs(reported.Y - original.Y) < 1 && original.X > reported.X + reported.Width, $"side by side: #2 at {reported.X},{reported.Y}; #1 at {original.X},{original.Y}");
        await ShotAsync(staff, "71-staff-report-beside-original-phone");

        await StaffJourney.OpenAsync(staff, "Remove entry #2");
        await staff.FillAsync("#remove-reason", "A mirrored copy of entry #1.");
        await staff.CheckAsync("[data-remove] input[name='confirm']");
        await staff.ClickAsync("button:has-text('Remove entry #2')");
        await ShouldSeeAsync(staff, "Entry #2 was removed from the gallery; Cody Copy was told your reason. The reporter was told the outcome.");

        await phone.GotoAsync("/notifications");
        await ShouldSeeAsync(phone, "Staff looked at entry #2 in “Logo for Gull Point ferries” and removed it. Thank you for telling us.");

        await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/entries/{offBrief}/reports", new { reason = "not-for-this-brief", note = "A bakery logo." }), System.Net.HttpStatusCode.Created);
        var reporterPages = await Axe.ViolationsAsync(app, page => SignInAsync(page, orla.Email), 390,
            new PageCheck("/entries/" + offBrief, "the report form unfolded"));
        var staffPages = await Axe.ViolationsAsync(app, page => StaffJourney.SignInAsync(page, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword), 390,
            new PageCheck("/staff/reports", "an open report", Desktop: true),
            new PageCheck("/staff/reports/" + offBrief, "dismiss and remove unfolded", Desktop: true),
            new PageCheck("/staff/reports/" + copy, "resolved: removed, earlier reports"));
        Axe.AssertNone([.. reporterPages, .. staffPages]);
    }
}
