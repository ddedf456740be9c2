namespace Marketplace.Web.Tests.Infrastructure;

/// <summary>A handover taken through the API to its end the ordinary way: awarded, delivered, approved, signed by both, paid.</summary>
public static class CompletedHandover
{
    /// <summary>Returns the completed handover's id (<c>{project}/{attempt}</c>).</summary>
    public static async Task<string> CompleteAsync(ApiSession buyer, ApiSession creative, string title)
    {
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, title);
        await creative.DeliverBriefFormatsAsync(wrapUpId, title.Split(' ')[0]);
        var api = "/api/v1/wrapups/" + wrapUpId;
        var version = (await buyer.ReadAsync(await buyer.PostJsonAsync(api + "/approve", new { note = "Good." }))).GetProperty("agreementVersion").GetString();
        await creative.ReadAsync(await creative.PostJsonAsync(api + "/sign", new { agreementVersion = version }));
        var done = await buyer.ReadAsync(await buyer.PostJsonAsync(api + "/sign", new { agreementVersion = version }));
        Assert.Equal("Completed", done.GetProperty("outcome").GetString());
        return wrapUpId;
    }
}
