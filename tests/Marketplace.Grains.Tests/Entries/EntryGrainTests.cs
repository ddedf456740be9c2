using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Entries;

[Collection(ClusterCollection.Name)]
public sealed class EntryGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private static EntrySubmission Submission(string projectId) => new(projectId, Scenarios.Original(), Scenarios.Previews(), "Warm colours.");

    private IEntryGrain NewEntry() => Grains.GetGrain<IEntryGrain>(ClusterFixture.NewId("entry"));

    [Fact]
    public async Task A_creative_submits_to_an_open_project_and_the_entry_appears_in_the_gallery()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync("Cora Creative");
        var project = await fixture.OpenProjectAsync(buyer);

        var entry = await fixture.SubmitAsync(creative, project.Id);

        var gallery = await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(new Actor("visitor", UserRoles.None));
        var item = Assert.Single(gallery.Items);
        Assert.Equal(EntryStatus.Active, entry.Status);
        Assert.Equal(buyer.UserId, entry.BuyerId);
        Assert.Equal((entry.Id, creative.UserId, "Cora Creative", 1), (item.EntryId, item.CreativeId, item.CreativeName, item.RevisionCount));
        Assert.NotNull(item.Previews);
        Assert.Equal(1, (await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync()).Single(i => i.ProjectId == project.Id).EntryCount);
    }

    [Fact]
    public async Task Submitting_again_returns_the_entry_and_reusing_its_id_elsewhere_conflicts()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var other = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = NewEntry();
        var submission = Submission(project.Id);

        var first = await entry.SubmitAsync(creative, submission);
        var retried = await entry.SubmitAsync(creative, submission);
        await Refused.WithAsync(ErrorKind.Conflict, () => entry.SubmitAsync(other, Submission(project.Id)));

        Assert.Equal(first.Id, retried.Id);
        Assert.Single(retried.Revisions);
    }

    [Fact]
    public async Task Entries_are_refused_after_the_deadline_before_opening_and_for_unknown_projects()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var closed = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, closed.Id);
        var closedView = await fixture.CloseEntriesAsync(closed.Id);
        var draft = Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await draft.CreateAsync(buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));

        var late = await Refused.WithAsync(ErrorKind.Conflict, () => NewEntry().SubmitAsync(creative, Submission(closed.Id)));
        await Refused.WithAsync(ErrorKind.Conflict, () => NewEntry().SubmitAsync(creative, Submission(draft.GetPrimaryKeyString())));
        await Refused.WithAsync(ErrorKind.NotFound, () => NewEntry().SubmitAsync(creative, Submission("no-such-project")));

        // The same words whether entries closed at the deadline or early: when they closed.
        Assert.Equal($"Entries to this project closed on {NoticeText.When(closedView.EntryDeadline)}, so it takes no more entries.", late);
    }

    [Fact]
    public async Task Only_active_creatives_submit_and_never_to_their_own_project()
    {
        var buyerAndCreative = await Grains.RegisterAsync(ClusterFixture.NewId("both"), "Both Ways", UserRoles.Buyer | UserRoles.Creative);
        var buyer = await Grains.BuyerAsync();
        var suspended = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IUserGrain>(suspended.UserId).SuspendAsync(staff, "Under review");
        var own = await fixture.OpenProjectAsync(buyerAndCreative);

        await Refused.WithAsync(ErrorKind.Forbidden, () => NewEntry().SubmitAsync(buyerAndCreative, Submission(own.Id)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => NewEntry().SubmitAsync(buyer, Submission(own.Id)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => NewEntry().SubmitAsync(suspended, Submission(own.Id)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => NewEntry().SubmitAsync(new Actor(ClusterFixture.NewId("ghost"), UserRoles.Creative), Submission(own.Id)));

        Assert.Empty((await Grains.GetGrain<IProjectGrain>(own.Id).GetGalleryAsync(buyerAndCreative)).Items);
    }

    [Fact]
    public async Task A_submission_without_a_stored_private_original_is_refused()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var original = Scenarios.Original();

        await Refused.WithAsync(ErrorKind.Invalid, () => NewEntry().SubmitAsync(creative, Submission(project.Id) with { Original = original with { Container = StorageNames.Containers.Previews } }));
        await Refused.WithAsync(ErrorKind.Invalid, () => NewEntry().SubmitAsync(creative, Submission(project.Id) with { Original = original with { Sha256 = "abc" } }));
        await Refused.WithAsync(ErrorKind.Invalid, () => NewEntry().SubmitAsync(creative, Submission(project.Id) with { Original = original with { Bytes = 0 } }));
    }

    [Fact]
    public async Task Revising_keeps_the_old_revisions_and_refreshes_the_gallery()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);

        var revised = await entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("logo-v2.png"), null, "Bolder type."));

        var item = (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items.Single();
        Assert.Equal([1, 2], revised.Revisions.Select(r => r.Number));
        Assert.Equal(submitted.Revisions[0].Original, revised.Revisions[0].Original);
        Assert.Equal("Bolder type.", revised.Revisions[1].Note);
        Assert.Equal(2, item.RevisionCount);
        Assert.Null(item.Previews);
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.ReviseAsync(buyer, new EntryUpload(Scenarios.Original(), null, null)));
    }

    [Fact]
    public async Task Only_the_creative_and_staff_get_an_entrys_original_and_the_buyer_or_a_claimed_staff_role_is_refused()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var otherCreative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);
        var revised = await entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("logo-v2.png"), null, "Bolder type."));

        Assert.Equal(revised.Revisions[1].Original, await entry.GetOriginalAsync(creative, null));
        Assert.Equal(revised.Revisions[0].Original, await entry.GetOriginalAsync(creative, 1));
        Assert.Equal(revised.Revisions[1].Original, await entry.GetOriginalAsync(staff, 2));
        // The buyer reads the entry's details, but the full-resolution file only comes through the handover.
        var toBuyer = await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetOriginalAsync(buyer, null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetOriginalAsync(otherCreative, null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetOriginalAsync(new Actor(otherCreative.UserId, otherCreative.Roles | UserRoles.Staff), null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetOriginalAsync(new Actor("visitor", UserRoles.None), null));
        await Refused.WithAsync(ErrorKind.NotFound, () => entry.GetOriginalAsync(creative, 3));
        Assert.Contains("final files through the handover", toBuyer);
    }

    [Fact]
    public async Task Revising_with_the_same_file_as_the_latest_version_is_refused_and_adds_no_version()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);
        var first = submitted.Revisions[0].Original;
        var sameBytesUnderAnotherName = Scenarios.Original("logo-again.png") with { Sha256 = first.Sha256 };

        var refused = await Refused.WithAsync(ErrorKind.Conflict, () => entry.ReviseAsync(creative, new EntryUpload(sameBytesUnderAnotherName, null, "Again.")));
        var second = Scenarios.Original("logo-v2.png");
        await entry.ReviseAsync(creative, new EntryUpload(second, null, null));
        await Refused.WithAsync(ErrorKind.Conflict, () => entry.ReviseAsync(creative, new EntryUpload(second, null, null)));
        var backToTheFirst = await entry.ReviseAsync(creative, new EntryUpload(first, null, "The first was better."));

        Assert.Contains("already the current version of this entry (version 1)", refused);
        Assert.Equal([1, 2, 3], backToTheFirst.Revisions.Select(r => r.Number));
        Assert.Equal(3, (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items.Single().RevisionCount);
    }

    [Fact]
    public async Task Previews_rendered_later_reach_the_entry_and_the_gallery()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = NewEntry();
        await entry.SubmitAsync(creative, Submission(project.Id) with { Previews = null });
        var previews = Scenarios.Previews(new string('b', 64));

        await entry.AttachPreviewsAsync(Actor.System, 1, previews);
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.AttachPreviewsAsync(creative, 1, previews));
        await Refused.WithAsync(ErrorKind.NotFound, () => entry.AttachPreviewsAsync(Actor.System, 5, previews));

        Assert.Equal(previews.Images, (await entry.GetPublicAsync()).Previews!.Images);
        Assert.Equal(previews.Images, (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items.Single().Previews!.Images);
    }

    [Fact]
    public async Task A_withdrawn_entry_leaves_the_gallery_and_the_public_view()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);

        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.WithdrawAsync(buyer));
        var withdrawn = await entry.WithdrawAsync(creative);

        Assert.Equal(EntryStatus.Withdrawn, withdrawn.Status);
        Assert.Empty((await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items);
        await Refused.WithAsync(ErrorKind.NotFound, () => entry.GetPublicAsync());
        await Refused.WithAsync(ErrorKind.Conflict, () => entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original(), null, null)));
    }

    [Fact]
    public async Task Entries_keep_their_arrival_number_and_the_gallery_keeps_the_gap_of_one_that_left()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var first = await fixture.SubmitAsync(creative, project.Id);
        var second = await fixture.SubmitAsync(creative, project.Id);
        await Grains.GetGrain<IEntryGrain>(first.Id).WithdrawAsync(creative);

        var third = await fixture.SubmitAsync(creative, project.Id);

        var gallery = (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items;
        Assert.Equal([(second.Id, 2), (third.Id, 3)], gallery.Select(i => (i.EntryId, i.Number)).OrderBy(i => i.Number));
    }

    [Fact]
    public async Task The_buyer_rates_from_one_to_five_the_creative_sees_it_in_their_list_and_the_public_does_not()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var rival = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);

        var rated = await entry.RateAsync(buyer, 4);
        await Refused.WithAsync(ErrorKind.Invalid, () => entry.RateAsync(buyer, 6));
        await Refused.WithAsync(ErrorKind.Invalid, () => entry.RateAsync(buyer, 0));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.RateAsync(creative, 5));

        var gallery = Grains.GetGrain<IProjectGrain>(project.Id);
        Assert.Equal(4, rated.Rating);
        Assert.Equal(4, (await gallery.GetGalleryAsync(buyer)).Items.Single().Rating);
        Assert.Equal(4, (await gallery.GetGalleryAsync(creative)).Items.Single().Rating);
        Assert.Null((await gallery.GetGalleryAsync(rival)).Items.Single().Rating);
        Assert.Equal(4, (await Grains.GetGrain<IUserIndexGrain>(creative.UserId).GetEntriesAsync(creative)).Single().Rating);
    }

    [Fact]
    public async Task The_buyer_the_creative_and_staff_comment_but_nobody_else()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var stranger = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);

        await entry.CommentAsync(buyer, "Could the bread be rounder?");
        await entry.CommentAsync(creative, "Sure, revision coming.");
        var details = await entry.CommentAsync(staff, "Reminder: keep it friendly.");
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.CommentAsync(stranger, "Mine is better"));
        await Refused.WithAsync(ErrorKind.Invalid, () => entry.CommentAsync(buyer, ""));

        Assert.Equal([buyer.UserId, creative.UserId, staff.UserId], details.Comments.Select(c => c.AuthorId));
    }

    [Fact]
    public async Task The_buyer_declines_an_entry_with_a_reason()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);

        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.DeclineAsync(creative, "no"));
        var declined = await entry.DeclineAsync(buyer, "Not the style we want.");

        Assert.Equal(EntryStatus.Declined, declined.Status);
        Assert.Equal("Not the style we want.", declined.StatusReason);
        Assert.Equal(EntryStatus.Declined, (await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items.Single().Status);
        Assert.Equal(EntryStatus.Declined, (await Grains.GetGrain<IUserIndexGrain>(creative.UserId).GetEntriesAsync(creative)).Single().Status);
    }

    [Fact]
    public async Task A_declined_entry_is_declined_for_good_it_takes_no_revision_and_cannot_be_awarded_but_its_creative_may_still_comment_and_withdraw()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);
        await fixture.SubmitAsync(await Grains.CreativeAsync(), project.Id);
        await entry.DeclineAsync(buyer, "Not the style we want.");

        var revision = await Refused.WithAsync(ErrorKind.Conflict,
            () => entry.ReviseAsync(creative, new EntryUpload(Scenarios.Original("v2.png"), Scenarios.Previews(), "Softer colours.")));
        Assert.Contains("declined", revision);
        Assert.Equal(ProjectState.Selecting, (await fixture.CloseEntriesAsync(project.Id)).State);
        await Refused.WithAsync(ErrorKind.Conflict, () => Grains.GetGrain<IProjectGrain>(project.Id).AwardAsync(buyer, entry.GetPrimaryKeyString()));

        var details = await entry.CommentAsync(creative, "Thanks for looking.");
        Assert.Single(details.Revisions);
        Assert.Equal(EntryStatus.Withdrawn, (await entry.WithdrawAsync(creative)).Status);
    }

    [Fact]
    public async Task Staff_remove_an_entry_with_a_reason_and_nobody_else_can()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var entry = Grains.GetGrain<IEntryGrain>((await fixture.SubmitAsync(creative, project.Id)).Id);

        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.RemoveAsync(buyer, "I don't like it"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.RemoveAsync(buyer with { Roles = UserRoles.Staff }, "forged"));
        var removed = await entry.RemoveAsync(staff, "Uses a trademarked logo.");

        Assert.Equal(EntryStatus.Removed, removed.Status);
        Assert.Empty((await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items);
    }

    [Fact]
    public async Task Private_details_are_for_the_creative_the_buyer_and_staff_and_the_public_view_has_no_original()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var stranger = await Grains.CreativeAsync();
        var project = await fixture.OpenProjectAsync(buyer);
        var submitted = await fixture.SubmitAsync(creative, project.Id);
        var entry = Grains.GetGrain<IEntryGrain>(submitted.Id);

        Assert.Equal(submitted.Revisions[0].Original, (await entry.GetAsync(buyer)).Revisions[0].Original);
        Assert.Equal(submitted.Id, (await entry.GetAsync(staff)).Id);
        Assert.Equal(submitted.Id, (await entry.GetAsync(creative)).Id);
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetAsync(stranger));
        await Refused.WithAsync(ErrorKind.Forbidden, () => entry.GetAsync(stranger with { Roles = UserRoles.Staff }));

        var view = await entry.GetPublicAsync();
        Assert.Equal(1, view.RevisionCount);
        Assert.DoesNotContain(typeof(EntryPublicView).GetProperties(), p => p.PropertyType == typeof(Contracts.Files.StoredFile));
    }

    [Fact]
    public async Task My_entries_lists_the_creatives_entries_for_them_and_staff_only()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var other = await Grains.CreativeAsync();
        var first = await fixture.OpenProjectAsync(buyer);
        var second = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, first.Id);
        var withdrawn = await fixture.SubmitAsync(creative, second.Id);
        await Grains.GetGrain<IEntryGrain>(withdrawn.Id).WithdrawAsync(creative);
        var index = Grains.GetGrain<IUserIndexGrain>(creative.UserId);

        var mine = await index.GetEntriesAsync(creative);

        Assert.Equal(2, mine.Count);
        Assert.Contains(mine, e => e.ProjectId == second.Id && e.Status == EntryStatus.Withdrawn);
        await Refused.WithAsync(ErrorKind.Forbidden, () => index.GetEntriesAsync(other));
    }

    [Fact]
    public async Task Removing_a_creative_takes_their_entries_out_of_every_gallery()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var first = await fixture.OpenProjectAsync(buyer);
        var second = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, first.Id);
        await fixture.SubmitAsync(creative, second.Id);

        await Grains.GetGrain<IUserGrain>(creative.UserId).RemoveAsync(staff, "Repeated plagiarism");

        Assert.Empty((await Grains.GetGrain<IProjectGrain>(first.Id).GetGalleryAsync(buyer)).Items);
        Assert.Empty((await Grains.GetGrain<IProjectGrain>(second.Id).GetGalleryAsync(buyer)).Items);
        Assert.All(await Grains.GetGrain<IUserIndexGrain>(creative.UserId).GetEntriesAsync(staff), e => Assert.Equal(EntryStatus.Removed, e.Status));
        await Refused.WithAsync(ErrorKind.Forbidden, () => fixture.SubmitAsync(creative, first.Id));
    }
}
