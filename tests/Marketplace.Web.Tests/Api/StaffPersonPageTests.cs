using System.Net;
using System.Text.RegularExpressions;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.Api;

/// <summary>
/// Suspending or removing from a person's staff page (form posts with antiforgery, as the browser sends them): the page
/// says how many running handovers the person takes part in and what each action does to them, right above the forms,
/// so nobody removes a winner mid-handover without knowing. A missing confirmation changes nothing; only staff may post.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class StaffPersonPageTests(MarketplaceAppFixture app)
{
    [Fact]
    public async Task A_person_s_page_says_what_removing_them_mid_handover_does_and_removes_them_there_after_the_confirmation()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Pia Paying");
        using var creative = await ApiSession.SignUpAsync(app, "creative", "Rex Running");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Van lettering " + Guid.NewGuid().ToString("N")[..4]);
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var path = "/staff/users/" + creative.UserId;

        var page = WebUtility.HtmlDecode(await staff.Http.GetStringAsync(path));
        Assert.Contains("Rex Running takes part in 1 running handover (above): suspended, they cannot act on it until reinstated; removed, it goes to the staff queue for an outcome.", page);
        Assert.Contains("the 1 running handover goes to the staff queue.", page);

        // Not ticked: nothing changes, and the page says what to do.
        var unconfirmed = await PostFormAsync(staff.Http, path, "Remove", page, new() { ["reason"] = "Stolen artwork in three contests." });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("<strong>Not done:</strong> Tick the confirmation: removal is for good.", await unconfirmed.Content.ReadAsStringAsync());
        Assert.Equal(UserStatus.Active, (await app.Grains.GetGrain<IUserGrain>(creative.UserId).GetProfileAsync(StaffActor(staff))).Status);

        // Not staff: the folder's policy refuses the post before any form is read.
        using (var refused = await creative.Http.PostAsync($"/staff/users/{buyer.UserId}?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "x", ["confirm"] = "true" })))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(UserStatus.Active, (await app.Grains.GetGrain<IUserGrain>(buyer.UserId).GetProfileAsync(StaffActor(staff))).Status);

        var removed = await PostFormAsync(staff.Http, path, "Remove", page, new() { ["reason"] = "Stolen artwork in three contests.", ["confirm"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(path, removed.Headers.Location!.ToString());
        Assert.Contains("Rex Running was removed. Their entries left the galleries; any handover they won or were buying is now in the staff queue.",
            WebUtility.HtmlDecode(await staff.Http.GetStringAsync(path)));
        var queued = (await app.Grains.GetGrain<IMediationQueueGrain>(IMediationQueueGrain.Key).ListAsync(StaffActor(staff))).Single(c => c.Case.CaseId == wrapUpId);
        Assert.Contains(MediationReason.WinnerRemoved, queued.Case.Reasons);
    }

    [Fact]
    public async Task Staff_suspend_and_reinstate_a_buyer_from_their_page_which_then_offers_the_other()
    {
        using var buyer = await ApiSession.SignUpAsync(app, "buyer", "Sid Suspended");
        using var staff = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var path = "/staff/users/" + buyer.UserId;
        var page = WebUtility.HtmlDecode(await staff.Http.GetStringAsync(path));
        Assert.Contains("Sid Suspended has no running handover.", page);

        var suspended = await PostFormAsync(staff.Http, path, "Suspend", page, new() { ["reason"] = "Chargeback under review." });
        Assert.Equal(HttpStatusCode.Redirect, suspended.StatusCode);
        Assert.Equal(UserStatus.Suspended, (await app.Grains.GetGrain<IUserGrain>(buyer.UserId).GetProfileAsync(StaffActor(staff))).Status);
        page = WebUtility.HtmlDecode(await staff.Http.GetStringAsync(path));
        Assert.Contains("Sid Suspended is suspended: they can sign in but not act.", page);
        Assert.Contains("Reinstate Sid Suspended", page);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(staff.Http, path, "Reinstate", page, new())).StatusCode);
        Assert.Equal(UserStatus.Active, (await app.Grains.GetGrain<IUserGrain>(buyer.UserId).GetProfileAsync(StaffActor(staff))).Status);
    }

    private static Marketplace.Contracts.Actor StaffActor(ApiSession staff) => new(staff.UserId, Marketplace.Contracts.UserRoles.Staff);

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, string pageHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryField().Match(pageHtml).Groups[1].Value;
        return client.PostAsync($"{path}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
