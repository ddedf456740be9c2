using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Reports;

/// <summary>
/// People in a contest report entries that break the rules; staff see the open reports in one list and either dismiss
/// them or remove the entry. Who may report, what a report must say, one standing report per person, the per-person cap,
/// staff-only reading and acting, and each reporter told the outcome once (the creative never of a dismissal).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EntryReportTests(ClusterFixture fixture)
{
    private const string Title = "“A logo for Bread & Butter”";

    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task Anyone_but_the_entrys_creative_may_report_it_once_and_only_staff_see_who_reported()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        var rival = await Grains.CreativeAsync("Rita Rival");
        var staff = await Grains.StaffAsync();
        var reports = ReportsOf(copy);

        await Refused.WithAsync(ErrorKind.Forbidden, () => reports.ReportAsync(copy.Creative, project.Id, Copies(1)));
        var byOriginal = await reports.ReportAsync(original.Creative, project.Id, Copies(1));
        await reports.ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.UsesSomeoneElsesWork, null, "The sun is a stock icon."));

        Assert.Equal(original.Id, byOriginal.CopiesEntryId);
        Assert.Equal(1, byOriginal.CopiesEntryNumber);
        var repeat = await Refused.WithAsync(ErrorKind.Conflict, () => reports.ReportAsync(original.Creative, project.Id, new ReportRequest(ReportReason.Offensive, null, null)));
        Assert.Equal($"You reported this entry on {NoticeText.When(byOriginal.At)}; staff will look at it. You will hear what they decide.", repeat);
        Assert.Equal(byOriginal, await reports.GetMineAsync(original.Creative));
        Assert.Null(await reports.GetMineAsync(rival));
        Assert.Null(await reports.GetMineAsync(copy.Creative));

        var view = await reports.GetAsync(staff);
        Assert.Equal(2, view.Open.Reporters);
        Assert.Equal(2, view.Reported.Number);
        Assert.Equal(original.Id, Assert.Single(view.Copied).EntryId);
        Assert.Equal("Orla Original", view.Names[original.Creative.UserId]);
        Assert.Equal("Bea Buyer", view.Names[buyer.UserId]);
        var listed = Assert.Single(await Queue.ListAsync(staff), e => e.EntryId == copy.Id);
        Assert.True(view.Open.SameAs(listed));
        Assert.Equal(Title, $"“{listed.ProjectTitle}”");
        // Nothing about a report reaches the creative.
        Assert.DoesNotContain(await Grains.NoticesAsync(copy.Creative), n => n.Kind == NotificationKinds.ReportOutcome);
    }

    [Fact]
    public async Task Suspended_and_removed_people_cannot_report_and_an_entry_that_left_the_gallery_takes_no_reports()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        var staff = await Grains.StaffAsync();
        var suspended = await Grains.CreativeAsync("Sus Pended");
        var removed = await Grains.CreativeAsync("Rem Oved");
        await Grains.GetGrain<IUserGrain>(suspended.UserId).SuspendAsync(staff, "Spam.");
        await Grains.GetGrain<IUserGrain>(removed.UserId).RemoveAsync(staff, "Spam.");

        Assert.Contains("suspended", await Refused.WithAsync(ErrorKind.Forbidden, () => ReportsOf(copy).ReportAsync(suspended, project.Id, Copies(1))), StringComparison.Ordinal);
        Assert.Contains("removed", await Refused.WithAsync(ErrorKind.Forbidden, () => ReportsOf(copy).ReportAsync(removed, project.Id, Copies(1))), StringComparison.Ordinal);
        // The project named must be the entry's own.
        var elsewhere = await fixture.OpenProjectAsync(buyer);
        await Refused.WithAsync(ErrorKind.NotFound, () => ReportsOf(copy).ReportAsync(buyer, elsewhere.Id, Copies(1)));

        await Grains.GetGrain<IEntryGrain>(original.Id).WithdrawAsync(original.Creative);
        Assert.Equal("This entry was withdrawn and is no longer in the gallery, so there is nothing to report.",
            await Refused.WithAsync(ErrorKind.Conflict, () => ReportsOf(original).ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.Offensive, null, null))));
        Assert.DoesNotContain(await Queue.ListAsync(staff), e => e.ProjectId == project.Id);
    }

    [Fact]
    public async Task A_report_says_why_a_copy_names_an_earlier_entry_of_this_gallery_and_a_note_is_needed_for_something_else()
    {
        var (buyer, project, _, copy) = await ContestWithCopyAsync();
        var reports = ReportsOf(copy);

        Assert.Equal("Choose one of the listed reasons for reporting this entry.",
            await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, new ReportRequest((ReportReason)42, null, null))));
        Assert.Contains("Give the number of the entry this one copies", await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, Copies(null))), StringComparison.Ordinal);
        Assert.Equal("There is no entry #7 in this gallery. Give the number shown on the entry that was copied.",
            await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, Copies(7))));
        Assert.Equal("Entry #2 is the entry you are reporting. Give the number of the entry it copies.",
            await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, Copies(2))));
        Assert.Contains("a note is needed", await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.SomethingElse, null, "  "))), StringComparison.Ordinal);
        Assert.Equal("The note is too long (at most 1000 characters).",
            await Refused.WithAsync(ErrorKind.Invalid, () => reports.ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.Offensive, null, new string('x', 1001)))));
        Assert.Equal(ReportReason.SomethingElse, ReportReasons.Parse("something-else"));
        Assert.Contains("copies-another-entry", Assert.Throws<MarketplaceException>(() => ReportReasons.Parse("ugly")).Message, StringComparison.Ordinal);

        // None of the refusals stored anything; a good report still goes through, and a number given with another reason is dropped.
        Assert.Null(await reports.GetMineAsync(buyer));
        var kept = await reports.ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.NotForThisBrief, 1, " A bike shop logo, not a bakery. "));
        Assert.Equal("A bike shop logo, not a bakery.", kept.Note);
        Assert.Null(kept.CopiesEntryId);
    }

    [Fact]
    public async Task One_person_can_have_at_most_twenty_open_reports_and_can_report_again_once_staff_answered()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var reporter = await Grains.CreativeAsync("Flo Flood");
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entries = new List<EntryDetails>();
        for (var i = 0; i < 21; i++) entries.Add(await fixture.SubmitAsync(creative, project.Id));
        var spam = new ReportRequest(ReportReason.NotForThisBrief, null, null);

        foreach (var entry in entries.Take(20)) await ReportsOf(entry.Id).ReportAsync(reporter, project.Id, spam);
        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => ReportsOf(entries[20].Id).ReportAsync(reporter, project.Id, spam));

        Assert.Equal("You already have 20 reports waiting for staff. You can report more entries once staff have looked at those.", refusal);
        Assert.Null(await ReportsOf(entries[20].Id).GetMineAsync(reporter));
        Assert.DoesNotContain(await Queue.ListAsync(staff), e => e.EntryId == entries[20].Id);
        await ReportsOf(entries[20].Id).ReportAsync(buyer, project.Id, spam);

        await ReportsOf(entries[0].Id).DismissAsync(staff, "A fair logo for the brief.");
        await ReportsOf(entries[20].Id).ReportAsync(reporter, project.Id, spam);
        Assert.Equal(2, (await ReportsOf(entries[20].Id).GetAsync(staff)).Open.Reporters);
    }

    [Fact]
    public async Task Only_staff_list_read_or_dismiss_reports_and_only_the_entry_closes_them()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        await ReportsOf(copy).ReportAsync(original.Creative, project.Id, Copies(1));

        foreach (var person in new[] { buyer, original.Creative, copy.Creative })
        {
            await Refused.WithAsync(ErrorKind.Forbidden, () => Queue.ListAsync(person));
            await Refused.WithAsync(ErrorKind.Forbidden, () => Queue.CountAsync(person));
            await Refused.WithAsync(ErrorKind.Forbidden, () => ReportsOf(copy).GetAsync(person));
            await Refused.WithAsync(ErrorKind.Forbidden, () => ReportsOf(copy).DismissAsync(person, "Looks fine to me."));
            await Refused.WithAsync(ErrorKind.Forbidden, () => ReportsOf(copy).EntryLeftAsync(person, EntryStatus.Removed, null, null));
            await Refused.WithAsync(ErrorKind.Forbidden, () => Queue.UpsertAsync(person, new ReportedEntry(copy.Id, 2, project.Id, "x", copy.Creative.UserId, "x", []), null));
        }

        var staff = await Grains.StaffAsync();
        Assert.Single((await ReportsOf(copy).GetAsync(staff)).Open.Reports);
        Assert.Equal("Please give a note for the record.", await Refused.WithAsync(ErrorKind.Invalid, () => ReportsOf(copy).DismissAsync(staff, " ")));
        await Refused.WithAsync(ErrorKind.NotFound, () => ReportsOf(original).GetAsync(staff));
    }

    [Fact]
    public async Task Dismissing_resolves_every_report_of_the_entry_and_tells_each_reporter_once_but_never_the_creative()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        var staff = await Grains.StaffAsync();
        await ReportsOf(copy).ReportAsync(original.Creative, project.Id, Copies(1));
        await ReportsOf(copy).ReportAsync(buyer, project.Id, new ReportRequest(ReportReason.Offensive, null, null));

        var view = await ReportsOf(copy).DismissAsync(staff, "Different loaf, different sun: not a copy.");
        var again = await ReportsOf(copy).DismissAsync(staff, "Different loaf, different sun: not a copy.");

        Assert.Empty(view.Open.Reports);
        var resolution = Assert.Single(again.Resolved);
        Assert.Equal(ReportOutcome.Dismissed, resolution.Outcome);
        Assert.Equal(staff.UserId, resolution.ByUserId);
        Assert.Equal(2, resolution.Reports.Count);
        Assert.DoesNotContain(await Queue.ListAsync(staff), e => e.EntryId == copy.Id);
        foreach (var reporter in new[] { original.Creative, buyer })
        {
            var told = Assert.Single(await Grains.NoticesAsync(reporter), n => n.Kind == NotificationKinds.ReportOutcome);
            Assert.Equal($"Staff looked at entry #2 in {Title} and left it in the contest. Thank you for telling us.", told.Text);
            Assert.Equal("/entries/" + copy.Id, told.Link);
        }

        Assert.DoesNotContain(await Grains.NoticesAsync(copy.Creative), n => n.Kind == NotificationKinds.ReportOutcome || n.Text.Contains("report", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(EntryStatus.Active, (await Grains.GetGrain<IEntryGrain>(copy.Id).GetPublicAsync()).Status);
        Assert.Null(await ReportsOf(copy).GetMineAsync(buyer));
    }

    [Fact]
    public async Task Removing_the_entry_resolves_its_reports_and_each_reporter_hears_once_that_it_was_removed()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        var staff = await Grains.StaffAsync();
        await ReportsOf(copy).ReportAsync(original.Creative, project.Id, Copies(1));
        await ReportsOf(copy).ReportAsync(buyer, project.Id, Copies(1));

        await Grains.GetGrain<IEntryGrain>(copy.Id).RemoveAsync(staff, "A copy of entry #1.");
        await Grains.GetGrain<IEntryGrain>(copy.Id).RemoveAsync(staff, "A copy of entry #1.");

        var view = await ReportsOf(copy).GetAsync(staff);
        Assert.Empty(view.Open.Reports);
        Assert.Equal(EntryStatus.Removed, view.Status);
        var resolution = Assert.Single(view.Resolved);
        Assert.Equal((ReportOutcome.Removed, staff.UserId, "A copy of entry #1."), (resolution.Outcome, resolution.ByUserId, resolution.Note));
        Assert.DoesNotContain(await Queue.ListAsync(staff), e => e.EntryId == copy.Id);
        foreach (var reporter in new[] { original.Creative, buyer })
        {
            var told = Assert.Single(await Grains.NoticesAsync(reporter), n => n.Kind == NotificationKinds.ReportOutcome);
            Assert.Equal($"Staff looked at entry #2 in {Title} and removed it. Thank you for telling us.", told.Text);
            Assert.Equal("/projects/" + project.Id, told.Link);
        }

        // The creative reads staff's reason (the entry's own notice), never who reported.
        var removal = Assert.Single(await Grains.NoticesAsync(copy.Creative), n => n.Kind == NotificationKinds.EntryRemoved);
        Assert.DoesNotContain("Orla", removal.Text, StringComparison.Ordinal);
        // A dismissal after the removal (two staff members at once) finds nothing open and changes nothing.
        Assert.Single((await ReportsOf(copy).DismissAsync(staff, "Too late.")).Resolved);
    }

    [Fact]
    public async Task A_withdrawn_entry_or_one_removed_with_its_creatives_account_closes_its_reports_and_tells_the_reporters()
    {
        var (buyer, project, original, copy) = await ContestWithCopyAsync();
        var staff = await Grains.StaffAsync();
        var third = await fixture.SubmitAsync(copy.Creative, project.Id);
        await ReportsOf(copy).ReportAsync(buyer, project.Id, Copies(1));
        await ReportsOf(third.Id).ReportAsync(original.Creative, project.Id, Copies(1));

        await Grains.GetGrain<IEntryGrain>(copy.Id).WithdrawAsync(copy.Creative);
        await Grains.GetGrain<IUserGrain>(copy.Creative.UserId).RemoveAsync(staff, "Copies other creatives' work.");

        Assert.Equal(ReportOutcome.Withdrawn, Assert.Single((await ReportsOf(copy).GetAsync(staff)).Resolved).Outcome);
        var removed = Assert.Single((await ReportsOf(third.Id).GetAsync(staff)).Resolved);
        Assert.Equal((ReportOutcome.Removed, (string?)null), (removed.Outcome, removed.ByUserId));
        Assert.Equal($"Entry #2 in {Title} was withdrawn by its creative, so staff need not act on your report. Thank you for telling us.",
            Assert.Single(await Grains.NoticesAsync(buyer), n => n.Kind == NotificationKinds.ReportOutcome).Text);
        Assert.Equal($"Staff looked at entry #3 in {Title} and removed it. Thank you for telling us.",
            Assert.Single(await Grains.NoticesAsync(original.Creative), n => n.Kind == NotificationKinds.ReportOutcome).Text);
        Assert.DoesNotContain(await Queue.ListAsync(staff), e => e.ProjectId == project.Id);
    }

    private sealed record Entrant(string Id, Actor Creative);

    /// <summary>An open contest: Orla's entry #1, then Cody's entry #2 (the one said to copy it).</summary>
    private async Task<(Actor Buyer, ProjectView Project, Entrant Original, Entrant Copy)> ContestWithCopyAsync()
    {
        var buyer = await Grains.BuyerAsync();
        var orla = await Grains.CreativeAsync("Orla Original");
        var cody = await Grains.CreativeAsync("Cody Copy");
        var project = await fixture.OpenProjectAsync(buyer);
        var original = await fixture.SubmitAsync(orla, project.Id);
        var copy = await fixture.SubmitAsync(cody, project.Id);
        return (buyer, project, new Entrant(original.Id, orla), new Entrant(copy.Id, cody));
    }

    private static ReportRequest Copies(int? number) => new(ReportReason.CopiesAnotherEntry, number, null);

    private IEntryReportsGrain ReportsOf(Entrant entry) => ReportsOf(entry.Id);

    private IEntryReportsGrain ReportsOf(string entryId) => Grains.GetGrain<IEntryReportsGrain>(entryId);

    private IReportQueueGrain Queue => Grains.GetGrain<IReportQueueGrain>(IReportQueueGrain.Key);
}
