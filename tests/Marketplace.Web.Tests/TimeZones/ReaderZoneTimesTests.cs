using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Contracts;
using Marketplace.Web.Presentation;
using Marketplace.Web.Tests.Infrastructure;

namespace Marketplace.Web.Tests.TimeZones;

/// <summary>
/// Times a grain writes into a sentence (a handover's timeline, a refusal) read in the reader's own zone: the buyer in
/// Berlin and the creative in Kolkata read the same line each in their time, inside <c>&lt;time&gt;</c> carrying UTC;
/// someone who set no zone reads UTC, labelled; the JSON API keeps UTC words and gives the instants in ISO 8601.
/// </summary>
[Collection(MarketplaceAppCollection.Name)]
public sealed partial class ReaderZoneTimesTests(MarketplaceAppFixture app)
{
    private const string ZoneApi = "/api/v1/me/time-zone";

    [Fact]
    public async Task The_handover_timeline_reads_in_Berlin_time_for_the_buyer_and_Kolkata_time_for_the_creative_and_the_API_keeps_UTC_with_the_instant()
    {
        using var buyer = await SignUpInAsync("buyer", "Berta Berlin", "Europe/Berlin");
        using var creative = await SignUpInAsync("creative", "Kiran Kolkata", "Asia/Kolkata");
        var wrapUpId = await StaffedHandover.AwardedAsync(buyer, creative, "Riverside bakery sign");
        await creative.DeliverBriefFormatsAsync(wrapUpId, "Riverside");

        var json = await buyer.ReadAsync(await buyer.Http.GetAsync("/api/v1/wrapups/" + wrapUpId));
        var line = json.GetProperty("timeline").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "FilesDelivered");
        var due = Assert.Single(line.GetProperty("times").EnumerateArray()).GetDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, due.Offset);
        Assert.Contains($"Automatic release on {due.UtcDateTime.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture)} UTC.", line.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.False(line.TryGetProperty("marked", out _));

        foreach (var (reader, zone) in new[] { (buyer, "Europe/Berlin"), (creative, "Asia/Kolkata") })
        {
            var page = await PageAsync(reader.Http, "/wrapups/" + wrapUpId);
            var inZone = Display.DateTime(due, TimeZoneInfo.FindSystemTimeZoneById(zone));
            Assert.Contains($"Automatic release on <time datetime=\"{due.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{inZone}</time>.", page, StringComparison.Ordinal);
            Assert.DoesNotContain(" UTC</time>", page, StringComparison.Ordinal);
        }

        Assert.EndsWith(" IST", Display.DateTime(due, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_names_its_time_in_the_readers_zone_on_the_page_and_in_the_API_which_also_gives_the_instant_and_UTC_for_one_without_a_zone()
    {
        foreach (var zone in new[] { "Europe/Berlin", "Asia/Kolkata", null })
        {
            using var buyer = await SignUpInAsync("buyer", "Tess Toolate", zone);
            var projectId = await buyer.OpenProjectAsync("Harbour ferry timetable");
            var project = await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}"));
            var latest = project.GetProperty("latestEntryDeadline").GetDateTimeOffset();
            var expected = $"so the latest deadline is {LocalTimes.Format(latest, LocalTimes.ZoneOrUtc(zone), "ddd d MMM, HH:mm")}. Choose that date or an earlier one.";

            var refused = await buyer.ReadAsync(await buyer.PostJsonAsync($"/api/v1/projects/{projectId}/entry-deadline", new { entryDeadline = latest.AddDays(1) }), HttpStatusCode.BadRequest);
            var detail = refused.GetProperty("detail").GetString()!;
            Assert.StartsWith("Entries can stay open at most ", detail, StringComparison.Ordinal);
            Assert.EndsWith(expected, detail, StringComparison.Ordinal);
            Assert.Equal(latest, Assert.Single(refused.GetProperty("times").EnumerateArray()).GetDateTimeOffset());

            var path = "/projects/" + projectId;
            var form = await buyer.Http.GetStringAsync(path);
            using var posted = await buyer.Http.PostAsync(path + "?handler=Extend", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryField().Match(form).Groups[1].Value,
                ["entryDeadline"] = latest.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }));
            Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
            Assert.Contains(expected, WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal(project.GetProperty("entryDeadline").GetDateTimeOffset(),
                (await buyer.ReadAsync(await buyer.Http.GetAsync($"/api/v1/projects/{projectId}"))).GetProperty("entryDeadline").GetDateTimeOffset());
            Assert.Contains(zone switch { "Asia/Kolkata" => " IST. Choose", null => " UTC. Choose", _ => "" }, detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_printers_delivery_page_reads_in_the_buyers_zone_saying_so_and_in_UTC_when_the_buyer_set_none()
    {
        foreach (var zone in new[] { "Asia/Kolkata", null })
        {
            using var h = await StaffedHandover.DeliveredAsync(app, "Darjeeling tea label", "Kamal Buyer", "Cleo Maker");
            if (zone is not null) await h.Buyer.ReadAsync(await h.Buyer.Http.PutAsJsonAsync(ZoneApi, new { timeZone = zone }, ApiSession.Json));
            await h.HelpedAsync();
            var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new("Chai Print House", "orders@chaiprint.example"), TimeSpan.FromDays(2), h.ForBuyer("phone call", "print shop needs the files"));
            using var printer = app.NewApiClient();

            var page = await PageAsync(printer, "/delivery/" + link.Token);

            var expires = Display.DateTime(link.ExpiresAt, LocalTimes.ZoneOrUtc(zone));
            Assert.Contains($"It expires <time datetime=\"{link.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{expires}</time> if nobody downloads.", page, StringComparison.Ordinal);
            Assert.Contains(zone is null ? "Times on this page are in UTC." : "Times on this page are in Asia/Kolkata time, the time zone of the person who ordered these files.",
                page, StringComparison.Ordinal);
            Assert.EndsWith(zone is null ? " UTC" : " IST", expires, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_printers_link_stored_before_links_kept_the_buyers_zone_reads_in_UTC_and_says_so()
    {
        using var h = await StaffedHandover.DeliveredAsync(app, "Old link label", "Kamal Before", "Cleo Before");
        await h.Buyer.ReadAsync(await h.Buyer.Http.PutAsJsonAsync(ZoneApi, new { timeZone = "Asia/Kolkata" }, ApiSession.Json));
        await h.HelpedAsync();
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new("Chai Print House", "orders@chaiprint.example"), TimeSpan.FromDays(2), h.ForBuyer("phone call", "print shop needs the files"));
        using var printer = app.NewApiClient();
        Assert.Contains("Times on this page are in Asia/Kolkata time", await PageAsync(printer, "/delivery/" + link.Token), StringComparison.Ordinal);

        // The handover as stored before links kept a zone: its state blob without the member, read again from storage.
        var blob = new Azure.Storage.Blobs.BlobServiceClient(app.Azurite.ConnectionString).GetBlobContainerClient(StorageNames.Containers.GrainState)
            .GetBlobClient(Marketplace.Storage.GrainState.GrainStateBlobNames.For("wrapup", h.Grain.GetGrainId()));
        var stored = await blob.DownloadContentAsync();
        var state = System.Text.Json.Nodes.JsonNode.Parse(stored.Value.Content.ToString())!;
        Assert.True(RemoveMember(state, "Zone") >= 2, "The link and its journal entry should each have held the zone.");
        await blob.UploadAsync(BinaryData.FromString(state.ToJsonString()), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfMatch = stored.Value.Details.ETag },
        });
        await app.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var page = await PageAsync(printer, "/delivery/" + link.Token);

        Assert.Contains("Times on this page are in UTC.", page, StringComparison.Ordinal);
        var expires = Display.DateTime(link.ExpiresAt, TimeZoneInfo.Utc);
        Assert.EndsWith(" UTC", expires, StringComparison.Ordinal);
        Assert.Contains($"It expires <time datetime=\"{link.ExpiresAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{expires}</time> if nobody downloads.", page, StringComparison.Ordinal);
    }

    /// <summary>Removes every member named <paramref name="name"/> anywhere in the document; returns how many there were.</summary>
    private static int RemoveMember(System.Text.Json.Nodes.JsonNode? node, string name) => node switch
    {
        System.Text.Json.Nodes.JsonObject obj => (obj.Remove(name) ? 1 : 0) + obj.ToList().Sum(child => RemoveMember(child.Value, name)),
        System.Text.Json.Nodes.JsonArray array => array.Sum(child => RemoveMember(child, name)),
        _ => 0,
    };

    private async Task<ApiSession> SignUpInAsync(string role, string name, string? zone)
    {
        var session = await ApiSession.SignUpAsync(app, role, name);
        if (zone is not null) await session.ReadAsync(await session.Http.PutAsJsonAsync(ZoneApi, new { timeZone = zone }, ApiSession.Json));
        return session;
    }

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
