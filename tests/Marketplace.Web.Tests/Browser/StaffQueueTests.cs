using System.Net;
using Marketplace.Web.Demo;
using Marketplace.Web.Tests.Infrastructure;
using static Marketplace.Web.Tests.Browser.Journey;

namespace Marketplace.Web.Tests.Browser;

[Collection(MarketplaceAppCollection.Name)]
public sealed class StaffQueueTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_buyer_asks_for_help_on_a_phone_and_staff_claim_the_case_from_the_queue()
    {
        using var buyerApi = await ApiSession.SignUpAsync(app, "buyer", "Helpless Harriet");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Quiet Quinn");
        var wrapUpPath = "/wrapups/" + await StaffedHandover.AwardedAsync(buyerApi, creative, "Shop sign for a florist");

        await using var phoneContext = await app.NewContextAsync(phone: true);
        var phone = await phoneContext.NewPageAsync();
        await SignInAsync(phone, buyerApi.Email);
        await phone.GotoAsync(wrapUpPath);
        await phone.ClickAsync("summary:has-text('I need help')");
        await phone.FillAsync("#help", "The creative hasn't answered for a week and I'm travelling.");
        await phone.ClickAsync("button:has-text('Ask staff for help')");
        await ShouldSeeAsync(phone, "Our staff have your request");

        await using var staffContext = await app.NewContextAsync();
        var staff = await staffContext.NewPageAsync();
        await staff.GotoAsync("/account/signin");
        await staff.FillAsync("#Email", MarketplaceAppFixture.StaffEmail);
        await staff.FillAsync("#Password", MarketplaceAppFixture.StaffPassword);
        await staff.ClickAsync("button:has-text('Sign in')");
        await ShouldSeeAsync(staff, "Staff queue");
        await ShouldSeeAsync(staff, "Shop sign for a florist");
        await ShotAsync(staff, "60-staff-queue-desktop");
        await staff.ClickAsync("li:has-text('Shop sign for a florist') button:has-text('Claim')");
        await ShouldSeeAsync(staff, "You hold the case");

        await phone.ReloadAsync();
        await ShouldSeeAsync(phone, "Staff are handling this");
        await ShouldSeeAsync(phone, "Staff took the case.");
        await ShotAsync(phone, "61-handover-with-staff-phone");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_health_still_answers()
    {
        using var client = app.NewApiClient();
        var openApi = await client.GetStringAsync("/api/v1/openapi.json");
        Assert.Contains("\"/api/v1/projects\"", openApi);
        Assert.Contains("\"/api/v1/wrapups/{projectId}/{attempt}/approve\"", openApi);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        using var anonymous = app.NewApiClient();
        var staffPage = await anonymous.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.Redirect, staffPage.StatusCode);
        Assert.Contains("/account/signin", staffPage.Headers.Location!.ToString());
    }
}
