using Marketplace.Contracts.Files;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Projects;
using static Marketplace.Testing.Cluster.NoticeText;

namespace Marketplace.Grains.Tests.Entries;

/// <summary>
/// One design, one entry: the same file again from the same creative in the same contest (a second tap, a resubmit after
/// closing the tab) is refused naming the entry it already is, with a link to act on it; nothing joins the gallery.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SameDesignTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private IEntryGrain NewEntry() => Grains.GetGrain<IEntryGrain>(ClusterFixture.NewId("entry"));

    private static EntrySubmission Submission(string projectId, StoredFile original) => new(projectId, original, Scenarios.Previews(), null);

    [Fact]
    public async Task The_same_file_again_is_refused_naming_the_entry_with_its_date_and_a_link_to_revise_it()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var file = Scenarios.Original();
        var first = await NewEntry().SubmitAsync(creative, Submission(project.Id, file));

        var refused = await Assert.ThrowsAsync<MarketplaceException>(() => NewEntry().SubmitAsync(creative, Submission(project.Id, file with { FileName = "logo (1).png" })));

        Assert.Equal(ErrorKind.Conflict, refused.Kind);
        Assert.Equal($"You already entered this design as entry #1 (submitted {When(first.SubmittedAt)}). To change it, revise entry #1.", refused.Message);
        Assert.Equal([first.SubmittedAt], refused.Times);
        Assert.Equal(new RefusalLink("Revise entry #1", $"/entries/{first.Id}/revise"), refused.Next);
        Assert.Single((await Grains.GetGrain<IProjectGrain>(project.Id).GetGalleryAsync(buyer)).Items);
    }

    [Fact]
    public async Task Another_creative_may_enter_the_same_file_and_the_creative_may_enter_it_in_another_contest()
    {
        var (_, project) = await fixture.BuyerWithOpenProjectAsync();
        var (_, otherProject) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var other = await Grains.CreativeAsync();
        var file = Scenarios.Original();
        await NewEntry().SubmitAsync(creative, Submission(project.Id, file));

        // Copying another creative's work is for reports and staff to judge, not a byte comparison.
        await NewEntry().SubmitAsync(other, Submission(project.Id, file));
        await NewEntry().SubmitAsync(creative, Submission(otherProject.Id, file));
    }

    [Fact]
    public async Task A_withdrawn_design_may_be_entered_again_but_a_declined_or_removed_one_may_not()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var (withdrawnFile, declinedFile, removedFile) = (Scenarios.Original(), Scenarios.Original(), Scenarios.Original());
        var withdrawn = await NewEntry().SubmitAsync(creative, Submission(project.Id, withdrawnFile));
        var declined = await NewEntry().SubmitAsync(creative, Submission(project.Id, declinedFile));
        var removed = await NewEntry().SubmitAsync(creative, Submission(project.Id, removedFile));
        await Grains.GetGrain<IEntryGrain>(withdrawn.Id).WithdrawAsync(creative);
        await Grains.GetGrain<IEntryGrain>(declined.Id).DeclineAsync(buyer, null);
        await Grains.GetGrain<IEntryGrain>(removed.Id).RemoveAsync(staff, "It copies a registered trademark.");

        var again = await NewEntry().SubmitAsync(creative, Submission(project.Id, withdrawnFile));
        var declinedAgain = await Assert.ThrowsAsync<MarketplaceException>(() => NewEntry().SubmitAsync(creative, Submission(project.Id, declinedFile)));
        var removedAgain = await Assert.ThrowsAsync<MarketplaceException>(() => NewEntry().SubmitAsync(creative, Submission(project.Id, removedFile)));

        Assert.Equal(EntryStatus.Active, again.Status);
        Assert.Equal(
            $"You already entered this design as entry #2 (submitted {When(declined.SubmittedAt)}), and the buyer declined it. A decline is final, so the same design cannot be entered again; enter a different one.",
            declinedAgain.Message);
        Assert.Equal(new RefusalLink("Open entry #2", $"/entries/{declined.Id}"), declinedAgain.Next);
        Assert.Equal(
            $"Marketplace support removed this design from the contest (entry #3, submitted {When(removed.SubmittedAt)}), so it cannot be entered again. If you think that was a mistake, write to help@marketplace.example.",
            removedAgain.Message);
        Assert.Equal([ErrorKind.Conflict, ErrorKind.Conflict], new[] { declinedAgain.Kind, removedAgain.Kind });
    }

    [Fact]
    public async Task A_revision_that_is_another_entrys_current_file_or_its_own_current_version_is_refused_and_an_earlier_version_may_be_entered()
    {
        var (_, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await Grains.CreativeAsync();
        var (first, second, revised) = (Scenarios.Original(), Scenarios.Original(), Scenarios.Original("logo-v2.png"));
        var one = await NewEntry().SubmitAsync(creative, Submission(project.Id, first));
        var two = await NewEntry().SubmitAsync(creative, Submission(project.Id, second));
        var entryOne = Grains.GetGrain<IEntryGrain>(one.Id);

        var intoTwo = await Assert.ThrowsAsync<MarketplaceException>(() => entryOne.ReviseAsync(creative, new EntryUpload(second, null, null)));
        var same = await Assert.ThrowsAsync<MarketplaceException>(() => entryOne.ReviseAsync(creative, new EntryUpload(first, null, null)));
        await entryOne.ReviseAsync(creative, new EntryUpload(revised, null, "Bolder."));
        // Entry #1 moved on from its first file, so that file may stand on its own as a new entry.
        var third = await NewEntry().SubmitAsync(creative, Submission(project.Id, first));

        Assert.Equal(
            $"This file is already your entry #2 (submitted {When(two.SubmittedAt)}), so it cannot also be a version of entry #1. Choose the changed file for entry #1, or revise entry #2 instead.",
            intoTwo.Message);
        Assert.Equal(new RefusalLink("Revise entry #2", $"/entries/{two.Id}/revise"), intoTwo.Next);
        Assert.Equal("This file is already the current version of this entry (version 1); choose the changed file and upload it as the new version.", same.Message);
        Assert.Equal(EntryStatus.Active, third.Status);
        await Assert.ThrowsAsync<MarketplaceException>(() => NewEntry().SubmitAsync(creative, Submission(project.Id, revised)));
    }
}
