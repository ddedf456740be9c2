using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.WrapUps;
using Marketplace.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Marketplace.Grains.Tests.WrapUps;

/// <summary>The domain on the product's own storage (blob grain state, table reminders) on a private Azurite.</summary>
public sealed class WrapUpAzuriteFixture : AzuriteClusterFixture
{
    public FakeTimeProvider Clock => Cluster.GetSiloServiceProvider().GetRequiredService<FakeTimeProvider>();

    protected override void ConfigureCluster(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<DomainConfigurator>();

    private sealed class DomainConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Services.AddSingleton(new FakeTimeProvider(ClusterFixture.Start));
            siloBuilder.Services.AddKeyedSingleton<TimeProvider>(MarketplaceClock.Key, (sp, _) => sp.GetRequiredService<FakeTimeProvider>());
            siloBuilder.Services.AddMarketplaceGrains(siloBuilder.Configuration);
        }
    }
}

public sealed class WrapUpPersistenceTests(WrapUpAzuriteFixture fixture) : IClassFixture<WrapUpAzuriteFixture>
{
    private IGrainFactory Grains => fixture.GrainFactory;

    [Fact]
    public async Task Journal_state_queue_links_and_reminders_survive_a_cluster_restart_on_blob_storage()
    {
        var staff = await Grains.StaffAsync();
        var mediated = await AwardAsync(staff);
        var completed = await AwardAsync(staff);
        var consent = mediated.For(mediated.Creative, "email to support");

        await mediated.Grain.RequestHelpAsync(mediated.Buyer, "The creative emailed me the files instead.");
        await mediated.Grain.ClaimAsync(staff);
        await mediated.Grain.RelayMessageAsync(staff, mediated.Buyer.UserId, "Please upload the files here.");
        await mediated.Grain.DeliverFilesAsync(staff, [Finals.Image("logo.png"), Finals.Document("logo.pdf")], "From the email.", consent);
        await mediated.Grain.RecordQualityCheckAsync(staff, [new QualityCheckItem("Opens", true)], "Fine.");
        await mediated.Grain.SendPreviewsToBuyerAsync(staff, null);
        var link = await mediated.Grain.CreateDeliveryLinkAsync(staff, new ThirdPartyRecipient("Printer", "p@example.com"), TimeSpan.FromDays(3), mediated.For(mediated.Buyer));
        var version = (await completed.DeliveredAndApprovedAsync()).AgreementVersion;
        await completed.Grain.SignAgreementAsync(completed.Creative, version);
        await completed.Grain.SignAgreementAsync(completed.Buyer, version);
        var now = fixture.Clock.GetUtcNow();
        var before = (Page(await mediated.Grain.GetAsync(staff)), Page(await completed.Grain.GetAsync(completed.Buyer)),
            Json(await completed.Escrow.GetStatementAsync()), Json((await mediated.QueuedCaseAsync(staff))!.Case));

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        var after = (Page(await mediated.Grain.GetAsync(staff)), Page(await completed.Grain.GetAsync(completed.Buyer)),
            Json(await completed.Escrow.GetStatementAsync()), Json((await mediated.QueuedCaseAsync(staff))!.Case));
        Assert.Equal(before, after);
        var reminders = await fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IReminderTable>().ReadRows(mediated.Grain.GetGrainId());
        Assert.Single(reminders.Reminders, r => r.ReminderName == WrapUpGrain.DeadlinesReminder);

        // The handover goes on where it stopped, and the hashed link still works once.
        Assert.Equal(2, (await mediated.Grain.RedeemDeliveryLinkAsync(link.Token, "printer")).Files.Count);
        await mediated.Grain.ApproveAsync(staff, null, mediated.For(mediated.Buyer));
        await mediated.Grain.SignAgreementAsync(staff, version, mediated.For(mediated.Buyer));
        await mediated.Grain.SignAgreementAsync(staff, version, consent);
        var done = await mediated.Grain.ReleasePaymentAsync(staff, "Both agreed.");
        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        Assert.Equal(0, (await mediated.Escrow.GetStatementAsync()).Held.Minor);
    }

    [Fact]
    public async Task Timeline_times_come_from_the_stored_instants_so_a_handover_stored_before_markers_reads_them_in_any_zone_after_a_restart()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        var releaseDue = Assert.Single((await h.DeliverAsync()).Deadlines, d => d.Kind == WrapUpDeadlineKind.AutoRelease).DueAt;
        var answerDue = (await h.Grain.OpenDisputeAsync(h.Buyer, "The print is smudged.", [Finals.Image("smudge.png")])).Dispute!.AnswerDueAt!.Value;

        // The journal stores instants, never words: what a handover written before this change holds is what it holds now.
        var stored = (await StoredWrapUpAsync(h.ProjectId))["Journal"]!.ToJsonString();
        Assert.DoesNotContain("⟦", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(" UTC", stored, StringComparison.Ordinal);
        await fixture.RestartClusterAsync();

        var timeline = (await h.Grain.GetAsync(h.Buyer)).Timeline;
        var delivered = Assert.Single(timeline, t => t.Kind == nameof(FilesDelivered));
        Assert.Equal([releaseDue], delivered.Times);
        Assert.Contains("Automatic release on " + TimeMarkers.Mark(releaseDue) + ".", delivered.Marked, StringComparison.Ordinal);
        Assert.Contains($"Automatic release on {UtcWords(releaseDue)} UTC.", delivered.Summary, StringComparison.Ordinal);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Contains("Automatic release on " + LocalTimes.Format(releaseDue, berlin, "d MMM yyyy, HH:mm") + ".",
            TimeMarkers.Write(delivered.Marked!, berlin, "d MMM yyyy, HH:mm"), StringComparison.Ordinal);

        var disputed = Assert.Single(timeline, t => t.Kind == nameof(DisputeOpened));
        Assert.Equal([answerDue], disputed.Times);
        Assert.Contains($"to answer by {UtcWords(answerDue)} UTC)", disputed.Summary, StringComparison.Ordinal);

        // A line that names no time has nothing marked, and reads as its summary.
        var started = Assert.Single(timeline, t => t.Kind == nameof(Started));
        Assert.Null(started.Marked);
        Assert.Empty(started.Times);
    }

    private static string UtcWords(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Dispute_evidence_keeps_its_previews_across_a_restart_and_a_dispute_stored_before_previews_still_reads()
    {
        var staff = await Grains.StaffAsync();
        var current = await AwardAsync(staff);
        var older = await AwardAsync(staff);
        var evidence = new[] { Finals.Image("smudge.png"), Finals.Document("report.pdf") };
        var answer = new[] { Finals.Image("proof.png") };
        foreach (var h in new[] { current, older })
        {
            await h.DeliverAsync();
            await h.Grain.OpenDisputeAsync(h.Buyer, "The print is smudged.", evidence);
            await h.Grain.AnswerDisputeAsync(h.Creative, "The file is clean; see the proof.", answer);
        }

        // The second wrap-up's stored state as the version before evidence previews wrote it.
        await RemoveStoredMembersAsync(older.ProjectId, "EvidencePreviews", "AnswerEvidencePreviews");
        await fixture.RestartClusterAsync();

        var dispute = (await current.Grain.GetAsync(staff)).Dispute!;
        Assert.Equal(Json(evidence), Json(dispute.Evidence));
        Assert.Equal(Json(answer), Json(dispute.AnswerEvidence));
        var stored = (await older.Grain.GetAsync(staff)).Dispute!;
        Assert.Equal(evidence.Select(f => f.File), stored.Evidence.Select(f => f.File));
        Assert.Equal(answer.Select(f => f.File), stored.AnswerEvidence.Select(f => f.File));
        Assert.All(stored.Evidence.Concat(stored.AnswerEvidence), f => Assert.Null(f.Preview));
    }

    [Fact]
    public async Task A_pdfs_page_count_and_why_a_print_file_has_no_preview_survive_a_restart_in_deliveries_and_evidence()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        FinalFile[] delivered = [Finals.Image("logo.png"), Finals.DrawnPdf("card.pdf", 4), Finals.Undrawn("logo.svg", "SVG", NoPreviewReason.OverLimits)];
        FinalFile[] evidence = [Finals.DrawnPdf("proof.pdf", null), Finals.Undrawn("scan.pdf", "PDF", NoPreviewReason.CouldNotDraw)];
        await h.DeliverAsync(delivered);
        await h.Grain.OpenDisputeAsync(h.Buyer, "The proof prints in the wrong blue.", evidence);

        await fixture.RestartClusterAsync();

        var view = await h.Grain.GetAsync(staff);
        Assert.Equal(Json(delivered), Json(view.LatestDelivery!.Files));
        Assert.Equal(Json(evidence), Json(view.Dispute!.Evidence));
        Assert.Equal(new FirstPage(4), view.LatestDelivery.Files[1].Preview!.FirstPage);
        Assert.Equal(new NoPreview("PDF", NoPreviewReason.CouldNotDraw), view.Dispute.Evidence[1].Preview!.NotDrawn);
    }

    [Fact]
    public async Task Notifications_and_the_notice_cursor_survive_a_cluster_restart()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        await h.DeliverAsync();
        // Asked anew each time: the restart replaces the client, and a reference from the old one is stale.
        INotificationInboxGrain Inbox() => Grains.InboxOf(h.Buyer);
        await Inbox().MarkReadAsync(h.Buyer, null);
        await h.Grain.PostMessageAsync(h.Creative, MessageAudience.BothParties, "The PDF has the print margins.");
        await MailPickup.WaitForAsync(fixture.MailFolder, $"{h.Buyer.UserId}@example.com", count: 5);
        var before = await Inbox().GetAsync(h.Buyer);
        var journal = (await h.Grain.GetAsync(h.Buyer)).Timeline.Count;
        var now = fixture.Clock.GetUtcNow();

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        var after = await Inbox().GetAsync(h.Buyer);
        Assert.Equal(before.Unread, after.Unread);
        Assert.Equal(before.Notifications, after.Notifications);
        Assert.Equal([true, true, true, true, false], after.Notifications.Reverse().Select(n => n.Read)); // the payment, the entry, time to choose, the delivery, the message
        Assert.Equal(journal, (await StoredWrapUpAsync(h.ProjectId))["NotifiedThrough"]!.GetValue<long>());

        // The reminder's retry finds nothing pending, and the emails already sent are not sent again.
        await h.Grain.EvaluateDeadlinesAsync(Actor.System);
        Assert.Equal(before.Notifications, (await Inbox().GetAsync(h.Buyer)).Notifications);
        Assert.Equal(5, MailPickup.To(fixture.MailFolder, $"{h.Buyer.UserId}@example.com").Count);
    }

    [Fact]
    public async Task A_wrap_up_stored_before_notifications_reads_and_tells_only_what_happens_next()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        await h.DeliverAsync();
        var journal = (await h.Grain.GetAsync(h.Buyer)).Timeline.Count;

        // As the version before notifications stored it: no cursor, and nobody had an inbox yet.
        await RewriteStoredWrapUpAsync(h.ProjectId, state => state.Remove("NotifiedThrough"));
        await DeleteInboxesAsync(h.Buyer, h.Creative);
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(h.Now + TimeSpan.FromDays(1));

        Assert.Equal(journal, (await h.Grain.GetAsync(h.Buyer)).Timeline.Count);
        await h.Grain.EvaluateDeadlinesAsync(Actor.System);
        Assert.Empty(await Grains.NoticesAsync(h.Buyer));
        Assert.Empty(await Grains.NoticesAsync(h.Creative));

        await h.Grain.ApproveAsync(h.Buyer, null);

        var told = Assert.Single(await Grains.NoticesAsync(h.Creative));
        Assert.Equal(NotificationKinds.Approved, told.Kind);
        Assert.Equal(WrapUpNotices.NotificationId(h.Id, journal + 1), told.Id);
    }

    [Fact]
    public async Task Notices_stored_before_calls_to_act_were_kept_read_as_past_once_their_wrap_up_recounts_them()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        await h.DeliverAsync();
        await h.Grain.ApproveAsync(h.Buyer, null);
        var now = fixture.Clock.GetUtcNow();

        // As the version before calls to act stored them: the old texts with no call, and no recount yet.
        foreach (var person in new[] { h.Buyer, h.Creative })
        {
            await RewriteStoredInboxAsync(person, inbox =>
            {
                inbox.Remove(nameof(Marketplace.Grains.Notifications.InboxState.CallsRecounted));
                var stripped = inbox["Notifications"]!.AsArray().Select(n => n!.AsObject()).Count(notice => notice.Remove("Call") | notice.Remove("CallEndedAt"));
                Assert.True(stripped > 0, inbox.ToJsonString());
            });
        }

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        // Opening the inbox asks the wrap-up once, one-way; its answer arrives right after.
        var delivered = await EventuallyAsync(h.Buyer, n => n.Kind == NotificationKinds.FilesDelivered && n.StepOver);
        Assert.Equal("Cai Creative delivered the final files for “A logo for Bread & Butter”.", delivered.Text);
        var won = await EventuallyAsync(h.Creative, n => n.Kind == NotificationKinds.Awarded && n.StepOver);
        Assert.Equal("You won “A logo for Bread & Butter” with entry #1! Bea Buyer chose it.", won.Text);
        // The creative still has to sign: that call stands, and is now one the page lists under "Needs you".
        var sign = Assert.Single(await Grains.NoticesAsync(h.Creative), n => n.Kind == NotificationKinds.Approved);
        Assert.Equal((true, false), (sign.Asks, sign.StepOver));
        Assert.EndsWith("Sign the transfer agreement to get paid.", sign.Text);

        // Asked once: the flag is stored, and a later restart asks nobody again and changes nothing.
        var recounted = await Grains.InboxOf(h.Buyer).GetAsync(h.Buyer);
        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);
        Assert.Equal(recounted.Notifications, await Grains.NoticesAsync(h.Buyer));
        Assert.True((await StoredInboxAsync(h.Buyer))[nameof(Marketplace.Grains.Notifications.InboxState.CallsRecounted)]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_winner_removal_stored_before_entry_removals_were_told_apart_reads_as_the_account_removal_it_was()
    {
        var staff = await Grains.StaffAsync();
        var h = await AwardAsync(staff);
        await h.Grain.WinnerRemovedAsync(staff, "Policy violations.", WinnerRemoval.Entry);

        // As the version before entry removals stored it: no member saying what was removed, in the journal or the state.
        await RewriteStoredWrapUpAsync(h.ProjectId, state =>
        {
            Assert.True(state.Remove(nameof(WrapUpState.WinnerRemoval)));
            var removal = state["Journal"]!.AsArray().Select(e => e!["Event"]!.AsObject()).Single(e => e.ContainsKey(nameof(WinnerRemoved.Removed)));
            removal.Remove(nameof(WinnerRemoved.Removed));
        });
        await fixture.RestartClusterAsync();

        var view = await h.Grain.GetAsync(staff);
        Assert.Equal(WinnerRemoval.Account, view.WinnerRemoval);
        Assert.Equal("Policy violations.", view.WinnerRemovedReason);
        Assert.Equal("The winning creative was removed from the marketplace; staff take over the case.", view.Timeline.Single(t => t.Kind == nameof(WinnerRemoved)).Summary);
    }

    private BlobContainerClient GrainStateContainer => new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("grainstate");

    private BlobClient WrapUpBlob(string projectId) =>
        GrainStateContainer.GetBlobClient(GrainStateBlobNames.For("wrapup", Grains.GetGrain<IWrapUpGrain>(projectId + "/1").GetGrainId()));

    private async Task<JsonObject> StoredWrapUpAsync(string projectId) =>
        JsonNode.Parse((await WrapUpBlob(projectId).DownloadContentAsync()).Value.Content.ToString())!.AsObject();

    /// <summary>Rewrites the wrap-up's stored state (the object holding its members, e.g. "Journal").</summary>
    private async Task RewriteStoredWrapUpAsync(string projectId, Action<JsonObject> change)
    {
        var blob = WrapUpBlob(projectId);
        var content = await blob.DownloadContentAsync();
        var state = JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
        Assert.True(state.ContainsKey("NotifiedThrough"), state.ToJsonString());
        change(state);
        await blob.UploadAsync(BinaryData.FromString(state.ToJsonString()), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = content.Value.Details.ETag },
        });
    }

    private BlobClient InboxBlob(Actor person) =>
        GrainStateContainer.GetBlobClient(GrainStateBlobNames.For("inbox", Grains.InboxOf(person).GetGrainId()));

    private async Task<JsonObject> StoredInboxAsync(Actor person) =>
        JsonNode.Parse((await InboxBlob(person).DownloadContentAsync()).Value.Content.ToString())!.AsObject();

    private async Task RewriteStoredInboxAsync(Actor person, Action<JsonObject> change)
    {
        var blob = InboxBlob(person);
        var content = await blob.DownloadContentAsync();
        var state = JsonNode.Parse(content.Value.Content.ToString())!.AsObject();
        Assert.True(state.ContainsKey("Notifications"), state.ToJsonString());
        change(state);
        await blob.UploadAsync(BinaryData.FromString(state.ToJsonString()), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfMatch = content.Value.Details.ETag },
        });
    }

    /// <summary>The person's notification matching <paramref name="match"/>, once it does (within 20 s).</summary>
    private async Task<NotificationView> EventuallyAsync(Actor person, Func<NotificationView, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = (await Grains.NoticesAsync(person)).FirstOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The recounted call never arrived: " + string.Join(" | ", (await Grains.NoticesAsync(person)).Select(n => n.Text)));
            await Task.Delay(50);
        }
    }

    private async Task DeleteInboxesAsync(params Actor[] people)
    {
        foreach (var person in people)
        {
            var name = GrainStateBlobNames.For("inbox", Grains.InboxOf(person).GetGrainId());
            Assert.True(await GrainStateContainer.DeleteBlobIfExistsAsync(name));
        }
    }

    /// <summary>Rewrites the stored state blob of the wrap-up of <paramref name="projectId"/> without the named members.</summary>
    private async Task RemoveStoredMembersAsync(string projectId, params string[] members)
    {
        var container = new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient("grainstate");
        var rewritten = 0;
        await foreach (var item in container.GetBlobsAsync())
        {
            var blob = container.GetBlobClient(item.Name);
            var content = await blob.DownloadContentAsync();
            var text = content.Value.Content.ToString();
            if (!text.Contains("\"EvidencePreviews\"", StringComparison.Ordinal) || !text.Contains(projectId, StringComparison.Ordinal))
            {
                continue;
            }

            var state = JsonNode.Parse(text)!;
            Remove(state, members);
            await blob.UploadAsync(BinaryData.FromString(state.ToJsonString()), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfMatch = content.Value.Details.ETag },
            });
            rewritten++;
        }

        Assert.Equal(1, rewritten);
    }

    private static void Remove(JsonNode? node, string[] members)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var member in members)
                {
                    obj.Remove(member);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Remove(child, members);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Remove(child, members);
                }

                break;
        }
    }

    [Fact]
    public async Task A_completed_handover_s_zip_case_claimed_by_staff_keeps_its_holder_and_prize_through_a_restart_and_closes_with_a_note()
    {
        var staff = await Grains.StaffAsync();
        var completed = await AwardAsync(staff);
        var version = (await completed.DeliveredAndApprovedAsync()).AgreementVersion;
        await completed.Grain.SignAgreementAsync(completed.Creative, version);
        var done = await completed.Grain.SignAgreementAsync(completed.Buyer, version);
        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        await completed.Grain.ZipKeepsFailingAsync(Actor.System, "logo.pdf could not be read from storage");

        var claimed = await completed.Grain.ClaimAsync(staff);
        Assert.Equal(WrapUpStep.Ended, claimed.Step);
        Assert.Equal("logo.pdf could not be read from storage", claimed.ZipFailure);
        Assert.Null((await completed.Grain.GetAsync(completed.Buyer)).ZipFailure);
        var now = fixture.Clock.GetUtcNow();

        await fixture.RestartClusterAsync();
        fixture.Clock.SetUtcNow(now);

        var queued = (await completed.QueuedCaseAsync(staff))!.Case;
        Assert.Equal(staff.UserId, queued.ClaimedBy);
        Assert.Equal(done.Prize, queued.Prize);
        Assert.Equal(staff.UserId, (await completed.Grain.GetAsync(staff)).Mediation!.ClaimedBy);
        var closed = await completed.Grain.CloseMediationAsync(staff, "Sent logo.pdf to the buyer by email.");
        Assert.Null(closed.Mediation);
        Assert.Equal(WrapUpOutcome.Completed, closed.Outcome);
        Assert.Contains(closed.Timeline, t => t.Summary == "Staff closed the case about the zip of the final files: Sent logo.pdf to the buyer by email.");
        Assert.Null(await completed.QueuedCaseAsync(staff));
    }

    private async Task<Handover> AwardAsync(Actor staff)
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        var created = await project.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));
        await project.OpenAsync(buyer);
        var entry = await Grains.GetGrain<IEntryGrain>(ClusterFixture.NewId("entry"))
            .SubmitAsync(creative, new EntrySubmission(created.Id, Scenarios.Original(), Scenarios.Previews(), "Idea"));
        fixture.Clock.Advance(TimeSpan.FromDays(8));
        var award = await project.AwardAsync(buyer, entry.Id);
        return new Handover(() => fixture.GrainFactory, () => fixture.Clock, award.WrapUpId, award.ProjectId, buyer, creative, staff);
    }

    /// <summary>The page as stored facts: deadlines by due time (time left depends on the clock reading it).</summary>
    private static string Page(WrapUpView view) => Json(view with { Deadlines = view.Deadlines.Select(d => d with { TimeLeft = TimeSpan.Zero }).ToList() });

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
