using Marketplace.Contracts.Catalog;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;

namespace Marketplace.Grains.Tests.Projects;

[Collection(ClusterCollection.Name)]
public sealed class ProjectGrainTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;
    private DateTimeOffset Now => fixture.Clock.GetUtcNow();

    private IProjectGrain NewProject() => Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));

    [Fact]
    public async Task A_buyer_creates_a_draft_that_only_they_and_staff_can_see()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var project = NewProject();

        var draft = await project.CreateAsync(buyer, Scenarios.Draft(Now));

        Assert.Equal(ProjectState.Draft, draft.State);
        Assert.Equal(buyer.UserId, draft.BuyerId);
        Assert.Equal(ProjectState.Draft, (await project.GetAsync(staff)).State);
        await Refused.WithAsync(ErrorKind.NotFound, () => project.GetAsync(creative));
        await Refused.WithAsync(ErrorKind.NotFound, () => project.GetGalleryAsync(creative));
    }

    [Fact]
    public async Task Only_an_active_buyer_creates_projects()
    {
        var creative = await Grains.CreativeAsync();
        var buyer = await Grains.BuyerAsync();
        var staff = await Grains.StaffAsync();
        await Grains.GetGrain<IUserGrain>(buyer.UserId).SuspendAsync(staff, "Chargeback under review");

        await Refused.WithAsync(ErrorKind.Forbidden, () => NewProject().CreateAsync(creative, Scenarios.Draft(Now)));
        var message = await Refused.WithAsync(ErrorKind.Forbidden, () => NewProject().CreateAsync(buyer, Scenarios.Draft(Now)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => NewProject().CreateAsync(Actor.System, Scenarios.Draft(Now)));

        Assert.Contains("suspended", message);
    }

    public static TheoryData<string> InvalidDrafts => ["category", "prize", "currency", "deadline-soon", "deadline-far", "formats", "title", "window"];

    [Theory]
    [MemberData(nameof(InvalidDrafts))]
    public async Task An_invalid_brief_is_refused_with_a_reason(string problem)
    {
        var buyer = await Grains.BuyerAsync();
        var good = Scenarios.Draft(Now);
        var draft = problem switch
        {
            "category" => good with { Brief = good.Brief with { Category = "tattoos" } },
            "prize" => good with { Prize = new Money(100, "EUR") },
            "currency" => good with { Prize = new Money(50_000, "euro") },
            "deadline-soon" => good with { EntryDeadline = Now.AddHours(2) },
            "deadline-far" => good with { EntryDeadline = Now.AddDays(365) },
            "formats" => good with { Brief = good.Brief with { DeliverableFormats = [] } },
            "title" => good with { Brief = good.Brief with { Title = "  " } },
            "window" => good with { SelectionWindow = TimeSpan.FromDays(90) },
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        await Refused.WithAsync(ErrorKind.Invalid, () => NewProject().CreateAsync(buyer, draft));
    }

    [Fact]
    public async Task The_buyer_edits_a_draft_but_not_an_open_project()
    {
        var buyer = await Grains.BuyerAsync();
        var project = NewProject();
        await project.CreateAsync(buyer, Scenarios.Draft(Now));

        var edited = await project.UpdateDraftAsync(buyer, Scenarios.Draft(Now, Categories.Packaging));
        await project.OpenAsync(buyer);

        Assert.Equal(Categories.Packaging, edited.Brief.Category);
        await Refused.WithAsync(ErrorKind.Conflict, () => project.UpdateDraftAsync(buyer, Scenarios.Draft(Now)));
    }

    [Fact]
    public async Task Opening_funds_the_escrow_and_lists_the_project_in_its_category()
    {
        var buyer = await Grains.BuyerAsync();

        var open = await fixture.OpenProjectAsync(buyer, Scenarios.Draft(Now, Categories.Illustration));

        var statement = await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync();
        var listed = await Grains.GetGrain<ICatalogGrain>(Categories.Illustration).ListOpenAsync();
        Assert.Equal(ProjectState.Open, open.State);
        Assert.Equal(Scenarios.Prize, statement.Held);
        Assert.Contains(listed, i => i.ProjectId == open.Id && i.Prize == Scenarios.Prize);
        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == open.Id);
    }

    [Fact]
    public async Task A_retried_open_funds_the_escrow_once()
    {
        var buyer = await Grains.BuyerAsync();
        var open = await fixture.OpenProjectAsync(buyer);

        var again = await Grains.GetGrain<IProjectGrain>(open.Id).OpenAsync(buyer);

        var statement = await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync();
        Assert.Equal(ProjectState.Open, again.State);
        Assert.Single(statement.Movements);
        Assert.Equal(Scenarios.Prize, statement.Funded);
    }

    [Fact]
    public async Task Only_the_projects_buyer_opens_it()
    {
        var buyer = await Grains.BuyerAsync();
        var otherBuyer = await Grains.BuyerAsync();
        var project = NewProject();
        await project.CreateAsync(buyer, Scenarios.Draft(Now));

        await Refused.WithAsync(ErrorKind.Forbidden, () => project.OpenAsync(otherBuyer));

        Assert.Equal(0, (await Grains.GetGrain<IEscrowGrain>(project.GetPrimaryKeyString()).GetStatementAsync()).Funded.Minor);
    }

    [Fact]
    public async Task A_draft_whose_deadline_came_too_close_cannot_open()
    {
        var buyer = await Grains.BuyerAsync();
        var project = NewProject();
        await project.CreateAsync(buyer, Scenarios.Draft(Now));

        fixture.Clock.Advance(TimeSpan.FromDays(6.5));

        await Refused.WithAsync(ErrorKind.Invalid, () => project.OpenAsync(buyer));
    }

    [Fact]
    public async Task When_the_entry_deadline_passes_the_project_is_selecting_and_leaves_the_catalog()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, open.Id);

        var selecting = await fixture.CloseEntriesAsync(open.Id);

        Assert.Equal(ProjectState.Selecting, selecting.State);
        Assert.Equal(open.EntryDeadline + open.SelectionWindow, selecting.SelectionDeadline);
        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == open.Id);
    }

    [Fact]
    public async Task The_deadline_reminder_moves_the_project_with_nobody_looking()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, open.Id);
        fixture.Clock.Advance(TimeSpan.FromDays(8));

        // What the reminder service does when the "deadline" reminder is due.
        await Grains.GetGrain<IProjectGrain>(open.Id).AsReference<IRemindable>()
            .ReceiveReminder("deadline", new TickStatus(Now.UtcDateTime, TimeSpan.FromHours(1), Now.UtcDateTime));

        var index = await Grains.GetGrain<IUserIndexGrain>(buyer.UserId).GetProjectsAsync(buyer);
        Assert.Equal(ProjectState.Selecting, Assert.Single(index).State);
    }

    [Fact]
    public async Task An_entry_deadline_with_no_entries_refunds_the_buyer()
    {
        var buyer = await Grains.BuyerAsync();
        var open = await fixture.OpenProjectAsync(buyer);

        var ended = await fixture.CloseEntriesAsync(open.Id);

        var statement = await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync();
        Assert.Equal(ProjectState.Refunded, ended.State);
        Assert.Equal(Scenarios.Prize, statement.Refunded);
        Assert.Equal(0, statement.Held.Minor);
    }

    [Fact]
    public async Task A_selection_window_ending_without_an_award_refunds_the_buyer()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        var entry = await fixture.SubmitAsync(creative, open.Id);
        await fixture.CloseEntriesAsync(open.Id);

        fixture.Clock.Advance(open.SelectionWindow);

        var project = Grains.GetGrain<IProjectGrain>(open.Id);
        Assert.Equal(ProjectState.Refunded, (await project.GetAsync(buyer)).State);
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync()).Refunded);
        await Refused.WithAsync(ErrorKind.Conflict, () => project.AwardAsync(buyer, entry.Id));
    }

    [Fact]
    public async Task The_buyer_cancels_a_draft_or_an_open_project_without_entries_and_gets_the_money_back()
    {
        var buyer = await Grains.BuyerAsync();
        var draft = NewProject();
        await draft.CreateAsync(buyer, Scenarios.Draft(Now));
        var open = await fixture.OpenProjectAsync(buyer);

        var cancelledDraft = await draft.CancelAsync(buyer, "Changed my mind");
        var cancelledOpen = await Grains.GetGrain<IProjectGrain>(open.Id).CancelAsync(buyer, "Budget moved");

        Assert.Equal(ProjectState.Cancelled, cancelledDraft.State);
        Assert.Equal(ProjectState.Cancelled, cancelledOpen.State);
        Assert.Equal(Scenarios.Prize, (await Grains.GetGrain<IEscrowGrain>(open.Id).GetStatementAsync()).Refunded);
        Assert.DoesNotContain(await Grains.GetGrain<ICatalogGrain>(Categories.Logo).ListOpenAsync(), i => i.ProjectId == open.Id);
    }

    [Fact]
    public async Task Once_creatives_entered_only_staff_can_cancel()
    {
        var buyer = await Grains.BuyerAsync();
        var creative = await Grains.CreativeAsync();
        var staff = await Grains.StaffAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        await fixture.SubmitAsync(creative, open.Id);
        var project = Grains.GetGrain<IProjectGrain>(open.Id);

        await Refused.WithAsync(ErrorKind.Conflict, () => project.CancelAsync(buyer, "Found a designer elsewhere"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => project.CancelAsync(creative, "Hmm"));
        var cancelled = await project.CancelAsync(staff, "Brief breaks the rules");

        Assert.Equal(ProjectState.Cancelled, cancelled.State);
        await Refused.WithAsync(ErrorKind.Conflict, () => project.CancelAsync(staff, "again"));
    }

    [Fact]
    public async Task My_projects_lists_the_buyers_projects_with_their_state()
    {
        var buyer = await Grains.BuyerAsync();
        var other = await Grains.BuyerAsync();
        var first = await fixture.OpenProjectAsync(buyer);
        var second = NewProject();
        await second.CreateAsync(buyer, Scenarios.Draft(Now));
        var index = Grains.GetGrain<IUserIndexGrain>(buyer.UserId);

        var mine = await index.GetProjectsAsync(buyer);

        Assert.Equal(2, mine.Count);
        Assert.Contains(mine, p => p.ProjectId == first.Id && p.State == ProjectState.Open);
        Assert.Contains(mine, p => p.ProjectId == second.GetPrimaryKeyString() && p.State == ProjectState.Draft);
        await Refused.WithAsync(ErrorKind.Forbidden, () => index.GetProjectsAsync(other));
    }

    [Fact]
    public async Task Entry_facing_methods_are_for_the_marketplace_only()
    {
        var buyer = await Grains.BuyerAsync();
        var open = await fixture.OpenProjectAsync(buyer);
        var project = Grains.GetGrain<IProjectGrain>(open.Id);

        await Refused.WithAsync(ErrorKind.Forbidden, () => project.ChangeEntryStatusAsync(buyer, "e", Contracts.Entries.EntryStatus.Removed));
        await Refused.WithAsync(ErrorKind.Forbidden, () => project.GetEntryAsync(buyer, "e"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => project.WrapUpEndedAsync(buyer, $"{open.Id}/1", Contracts.WrapUps.WrapUpOutcome.Refunded));
    }
}
