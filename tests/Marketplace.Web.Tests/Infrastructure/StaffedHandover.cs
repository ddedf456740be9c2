using System.Net;
using System.Net.Http.Headers;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.WrapUps;
using Marketplace.Web.Demo;

namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>
/// A handover set up through the API as people do it (project, entry, award, finals delivered), with the staff member
/// acting through the wrap-up grain exactly as the staff console does: their actor, their checks.
/// </summary>
public sealed class StaffedHandover : IDisposable
{
    private StaffedHandover(ApiSession buyer, ApiSession creative, Actor staff, string wrapUpId, IWrapUpGrain grain, IReadOnlyList<(string Name, byte[] Bytes)> finals)
    {
        (Buyer, Creative, Staff, WrapUpId, Grain, Finals) = (buyer, creative, staff, wrapUpId, grain, finals);
    }

    public ApiSession Buyer { get; }
    public ApiSession Creative { get; }
    public Actor Staff { get; }
    public string WrapUpId { get; }
    public IWrapUpGrain Grain { get; }
    public IReadOnlyList<(string Name, byte[] Bytes)> Finals { get; }
    public string PagePath => "/wrapups/" + WrapUpId;
    public string ApiPath => "/api/v1/wrapups/" + WrapUpId;
    public Actor BuyerActor => new(Buyer.UserId, UserRoles.Buyer);

    /// <summary>Two finals: a PNG (gets previews) and a PDF.</summary>
    public static (string Name, byte[] Bytes)[] DefaultFinals(string word) =>
    [
        ($"{word.ToLowerInvariant()}-logo.png", DemoArt.Logo(word, "final", 4, 800, 600)),
        ($"{word.ToLowerInvariant()}-print.pdf", System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n% {word} print file {Guid.NewGuid():N}\n%%EOF\n")),
    ];

    /// <summary>The buyer opens a project, the creative enters it and wins: returns the new handover's id, awaiting files.</summary>
    public static async Task<string> AwardedAsync(ApiSession buyer, ApiSession creative, string title)
    {
        var projectId = await buyer.OpenProjectAsync(title);
        var entryId = await creative.SubmitEntryAsync(projectId, DemoArt.Logo(title, "entry", 2, 400, 300));
        var award = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/award", new { entryId }));
        return award.GetProperty("wrapUpId").GetString()!;
    }

    /// <summary>The winner sends final files through the API (PDFs as application/pdf, the rest as PNG).</summary>
    public static async Task<HttpResponseMessage> PostDeliveryAsync(ApiSession creative, string wrapUpId, IEnumerable<(string Name, byte[] Bytes)> finals)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in finals)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue(name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "image/png");
            form.Add(part, "files", name);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/wrapups/{wrapUpId}/deliver") { Content = form };
        request.Headers.Add("X-XSRF-TOKEN", await creative.AntiforgeryTokenAsync());
        return await creative.Http.SendAsync(request);
    }

    public static async Task<StaffedHandover> DeliveredAsync(MarketplaceAppFixture app, string title, string buyerName, string creativeName, (string Name, byte[] Bytes)[]? finals = null)
    {
        var buyer = await ApiSession.SignUpAsync(app, "buyer", buyerName);
        var creative = await ApiSession.SignUpAsync(app, "creative", creativeName);
        using var staffSession = await ApiSession.SignInAsync(app, MarketplaceAppFixture.StaffEmail, MarketplaceAppFixture.StaffPassword);
        var wrapUpId = await AwardedAsync(buyer, creative, title);
        finals ??= DefaultFinals(title.Split(' ')[0]);
        await creative.ReadAsync(await PostDeliveryAsync(creative, wrapUpId, finals));

        return new StaffedHandover(buyer, creative, new Actor(staffSession.UserId, UserRoles.Staff), wrapUpId, app.Grains.GetGrain<IWrapUpGrain>(wrapUpId), finals);
    }

    /// <summary>
    /// The buyer marks what came before the delivery read (API): the payment for the project and the winning entry's
    /// arrival, so a test about the handover's own news counts only that.
    /// </summary>
    public async Task BuyerReadTheNewsBeforeTheDeliveryAsync()
    {
        var inbox = await Buyer.InboxAsync();
        var ids = inbox.GetProperty("notifications").EnumerateArray()
            .Where(n => n.GetProperty("kind").GetString() is NotificationKinds.EntrySubmitted or NotificationKinds.ProjectFunded)
            .Select(n => n.GetProperty("id").GetString()!)
            .ToArray();
        Assert.Equal(2, ids.Length);
        await Buyer.ReadAsync(await Buyer.PostJsonAsync("/api/v1/me/notifications/read", new { ids }));
    }

    /// <summary>The buyer presses "I need help" (API) and staff claim the case.</summary>
    public async Task HelpedAsync(string message = "I'm travelling with only my phone; please help us finish.")
    {
        await Buyer.ReadAsync(await Buyer.PostJsonAsync(ApiPath + "/help", new { message }));
        await Grain.ClaimAsync(Staff);
    }

    public OnBehalf ForBuyer(string how, string reason) => new(Buyer.UserId, new Consent(how, Buyer.Clock.GetUtcNow().AddMinutes(-5)), reason);

    public void Dispose()
    {
        Buyer.Dispose();
        Creative.Dispose();
    }
}
