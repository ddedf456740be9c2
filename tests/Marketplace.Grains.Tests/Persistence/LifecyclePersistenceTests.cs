using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Storage.GrainState;

namespace Marketplace.Grains.Tests.Persistence;

/// <summary>
/// Every acknowledged write survives a restart: a project's life on the product's blob storage (Azurite), then the
/// whole cluster stops and a new one reads the same state back.
/// </summary>
public sealed class LifecyclePersistenceTests(PersistentClusterFixture fixture) : IClassFixture<PersistentClusterFixture>
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task A_project_with_its_entries_users_lists_and_escrow_reads_back_identically_after_a_restart()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        var rival = await Grains.CreativeAsync("Rex Rival");
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow(), Categories.Packaging));
        var kept = await fixture.SubmitAsync(creative, project.Id);
        var declined = await fixture.SubmitAsync(rival, project.Id);
        var removed = await fixture.SubmitAsync(rival, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(kept.Id);
        await entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("v2.png"), Scenarios.Previews(), "Rounder loaf."));
        await entry.RateAsync(buyer, 5);
        await entry.CommentAsync(buyer, "Love it.");
        await Grains.GetGrain<IEntryGrain>(declined.Id).DeclineAsync(buyer, "Too dark.");
        await Grains.GetGrain<IEntryGrain>(removed.Id).RemoveAsync(staff, "Copied artwork.");
        await Grains.GetGrain<IUserGrain>(rival.UserId).SuspendAsync(staff, "Copied artwork twice.");
        var openListing = await Snapshot(buyer, creative, rival, staff, project.Id, kept.Id, declined.Id, removed.Id);
        await fixture.CloseEntriesAsync(project.Id);
        var now = fixture.Clock.GetUtcNow();
        var before = await Snapshot(buyer, creative, rival, staff, project.Id, kept.Id, declined.Id, removed.Id);

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);
        var after = await Snapshot(buyer, creative, rival, staff, project.Id, kept.Id, declined.Id, removed.Id);

        Assert.Equal(before, after);
        Assert.Contains("\"State\":\"Selecting\"", after);
        Assert.Contains($"\"ByUserId\":\"{staff.UserId}\"", after);
        Assert.Contains(project.Id, openListing);
    }

    [Fact]
    public async Task The_reminder_to_choose_goes_once_even_when_the_cluster_restarts_between_two_passes_of_its_time()
    {
        var buyer = await Grains.BuyerAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        var selecting = await fixture.CloseEntriesAsync(project.Id);
        var remindAt = selecting.SelectionDeadline!.Value - TimeSpan.FromDays(2);
        fixture.Clock.SetUtcNow(remindAt + TimeSpan.FromMinutes(1));
        await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer);

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(remindAt + TimeSpan.FromHours(3));
        await Grains.GetGrain<IProjectGrain>(project.Id).GetAsync(buyer);

        var inbox = await Grains.NoticesAsync(buyer);
        Assert.Single(inbox, n => n.Kind == NotificationKinds.ChooseSoon);
        Assert.Single(inbox, n => n.Kind == NotificationKinds.TimeToChoose);
        Assert.Equal(2, inbox.Count(n => n.Asks));
    }

    [Fact]
    public async Task Open_and_resolved_reports_the_staff_list_and_the_reporters_notices_read_back_after_a_restart()
    {
        var buyer = await Grains.BuyerAsync();
        var original = await Grains.CreativeAsync("Orla Original");
        var copier = await Grains.CreativeAsync("Cody Copy");
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(original, project.Id);
        var open = await fixture.SubmitAsync(copier, project.Id);
        var dismissed = await fixture.SubmitAsync(copier, project.Id);
        await Grains.GetGrain<IEntryReportsGrain>(open.Id).ReportAsync(original, project.Id, new ReportRequest(ReportReason.CopiesAnotherEntry, 1, "Mine came first."));
        await Grains.GetGrain<IEntryReportsGrain>(dismissed.Id).ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.Offensive, null, null));
        await Grains.GetGrain<IEntryReportsGrain>(dismissed.Id).DismissAsync(staff, "Nothing offensive in it.");
        async Task<string> ReadAsync() => string.Join('\n', new object[]
        {
            await Grains.GetGrain<IEntryReportsGrain>(open.Id).GetAsync(staff),
            await Grains.GetGrain<IEntryReportsGrain>(dismissed.Id).GetAsync(staff),
            (await Grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key).ListAsync(staff)).Where(e => e.ProjectId == project.Id).ToList(),
            (await Grains.NoticesAsync(buyer)).Where(n => n.Kind == NotificationKinds.ReportOutcome).ToList(),
            (await Grains.GetGrain<IEntryReportsGrain>(open.Id).GetMineAsync(original))!,
        }.Select(v => JsonSerializer.Serialize(v, v.GetType(), Json)));
        var now = fixture.Clock.GetUtcNow();
        var before = await ReadAsync();

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        Assert.Equal(before, await ReadAsync());
        Assert.Contains("Mine came first.", before, StringComparison.Ordinal);
        Assert.Contains("Nothing offensive in it.", before, StringComparison.Ordinal);
        Assert.Contains("and left it in the contest", before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Questions_answers_clarifications_and_the_buyers_waiting_call_read_back_after_a_restart()
    {
        var buyer = await Grains.BuyerAsync();
        var asker = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var questions = Grains.GetGrain<IProjectQuestionsGrain>(project.Id);
        var answered = await questions.AskAsync(asker, "Are the colours fixed?");
        await questions.AnswerAsync(buyer, answered.Number, "Earthy first.");
        var waiting = await questions.AskAsync(asker, "Can the name be stacked?");
        await questions.ClarifyAsync(buyer, "The shop front is dark green.");
        await questions.HideAsync(staff, HiddenPart.Clarification, 1, "Testing the record.");
        var now = fixture.Clock.GetUtcNow();
        var before = JsonSerializer.Serialize(await questions.GetAsync(staff));

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);
        questions = Grains.GetGrain<IProjectQuestionsGrain>(project.Id);

        Assert.Equal(before, JsonSerializer.Serialize(await questions.GetAsync(staff)));
        Assert.Equal(1, (await questions.GetAsync(asker)).YourUnanswered);
        Assert.EndsWith($"/question/{waiting.Number}", Assert.Single(await Grains.NoticesAsync(buyer),
            n => n.Kind == NotificationKinds.Question && n.Asks).Id, StringComparison.Ordinal);
        await questions.AnswerAsync(buyer, waiting.Number, "Yes.");
        Assert.Equal(2, (await questions.GetAsync(await Grains.CreativeAsync())).Answered.Count());
    }

    [Fact]
    public async Task A_project_stored_before_entries_had_numbers_numbers_them_in_arrival_order_and_goes_on_from_there()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var withdrawn = await fixture.SubmitAsync(creative, project.Id);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var kept = await fixture.SubmitAsync(creative, project.Id);
        await Grains.GetGrain<IEntryGrain>(withdrawn.Id).WithdrawAsync(creative);
        var now = fixture.Clock.GetUtcNow();

        // As the version before entry numbers stored it: no number on any entry.
        await RewriteStoredEntriesAsync(project.Id, entry => Assert.True(entry.Remove("Number"), entry.ToJsonString()));
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);
        var next = await fixture.SubmitAsync(creative, project.Id);

        var gallery = (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items;
        Assert.Equal([(kept.Id, 2), (next.Id, 3)], gallery.Select(i => (i.EntryId, i.Number)).OrderBy(i => i.Number));
    }

    /// <summary>Rewrites each entry the project's stored state keeps in its gallery.</summary>
    private async Task RewriteStoredEntriesAsync(string projectId, Action<JsonObject> change)
    {
        var blob = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("grainstate")
            .GetBlobClient(GrainStateBlobNames.For("project", Grains.GetGrain<IProjectGrain>(projectId).GetGrainId()));
        var content = await blob.DownloadContentAsync();
        var state = JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
        foreach (var (_, entry) in state["Entries"]!.AsObject())
        {
            change(entry!.AsObject());
        }

        await blob.UploadAsync(BinaryData.FromString(state.ToJsonString()), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = content.Value.Details.ETag },
        });
    }

    /// <summary>Everything a page could show about the scenario, as JSON, so two reads compare as a whole.</summary>
    private async Task<string> Snapshot(Actor buyer, Actor creative, Actor rival, Actor staff, string projectId, params string[] entryIds)
    {
        var project = Grains.GetGrain<IProjectGrain>(projectId);
        var views = new List<object>
        {
            await project.GetAsync(buyer),
            await project.GetGalleryAsync(buyer),
            await Grains.GetGrain<IEscrowGrain>(projectId).GetStatementAsync(),
            await Grains.GetGrain<ICatalogGrain>(Categories.Packaging).ListOpenAsync(),
            await Grains.GetGrain<IUserIndexGrain>(buyer.UserId).GetProjectsAsync(buyer),
            await Grains.GetGrain<IUserIndexGrain>(creative.UserId).GetEntriesAsync(creative),
            await Grains.GetGrain<IUserIndexGrain>(rival.UserId).GetEntriesAsync(rival),
            await Grains.GetGrain<IUserGrain>(rival.UserId).GetProfileAsync(staff),
            (await Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(staff, buyer.UserId)).Users,
            (await Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(staff, creative.UserId)).Users,
            (await Grains.GetGrain<IUserDirectoryGrain>(IUserDirectoryGrain.Key).SearchAsync(staff, rival.UserId)).Users,
        };
        foreach (var id in entryIds)
        {
            views.Add(await Grains.GetGrain<IEntryGrain>(id).GetAsync(staff));
        }

        return string.Join('\n', views.Select(v => JsonSerializer.Serialize(v, v.GetType(), Json)));
    }

    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
