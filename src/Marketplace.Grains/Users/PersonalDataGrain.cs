using Marketplace.Contracts;
using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Entries;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Reviews;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace Marketplace.Grains.Users;

/// <summary>
/// Builds a person's data export from their own lists (the user index), asking each owning grain as the person, so
/// every grain's own rule decides what they see, and nobody else's private details (emails, reporters, staff-only
/// reasons) can come along. Bounded: at most <see cref="PersonalDataExport.MaxItems"/> of each list, newest first.
/// </summary>
[StatelessWorker]
public sealed class PersonalDataGrain(
    IGrainFactory grains,
    [FromKeyedServices(MarketplaceClock.Key)] TimeProvider clock) : Grain, IPersonalDataGrain
{
    private const int Max = PersonalDataExport.MaxItems;

    private string Id => this.GetPrimaryKeyString();

    public async Task<PersonalDataExport> ExportAsync(Actor actor)
    {
        if (!actor.Is(Id))
        {
            throw MarketplaceException.Forbidden("Only the person themselves can download their data.");
        }

        var profile = await grains.GetGrain<IUserGrain>(Id).GetProfileAsync(actor);
        var index = grains.GetGrain<IUserIndexGrain>(Id);
        var limits = new List<string>();
        var projects = Bounded(await index.GetProjectsAsync(actor), "projects", limits);
        var entries = Bounded(await index.GetEntriesAsync(actor), "entries", limits);
        var won = Bounded((await index.GetWrapUpsWonAsync(actor)).Reverse().ToList(), "handovers won", limits);

        var projectViews = await Task.WhenAll(projects.Select(p => grains.GetGrain<IProjectGrain>(p.ProjectId).GetAsync(actor)));
        var handovers = await HandoversAsync(actor, projectViews, won);
        var galleries = projectViews.Select(p => p.Id).Concat(entries.Select(e => e.ProjectId)).Distinct().Take(Max).ToList();
        var earnings = profile.Roles.HasFlag(UserRoles.Creative) ? await EarningsAsync(actor, limits) : null;
        return new PersonalDataExport(
            clock.GetUtcNow(),
            new ExportedAccount(profile.Id, profile.Email, profile.DisplayName, profile.Roles, profile.Status, profile.RegisteredAt, profile.StatusChangedAt),
            await Task.WhenAll(projectViews.Select(ProjectAsync)),
            await Task.WhenAll(entries.Select(e => EntryAsync(actor, e.EntryId))),
            handovers.Select(h => Handover(h.View, h.Role)).ToList(),
            await ReviewsAsync(actor, handovers.Select(h => h.View)),
            await QuestionsAskedAsync(actor, entries.Select(e => e.ProjectId).Distinct()),
            await ReportsMadeAsync(actor, galleries, limits),
            (await grains.GetGrain<INotificationInboxGrain>(Id).GetAsync(actor)).Notifications,
            limits)
        {
            Receipts = await ReceiptsAsync(actor, projectViews),
            Earnings = earnings,
        };
    }

    private static IReadOnlyList<T> Bounded<T>(IReadOnlyList<T> items, string what, List<string> limits)
    {
        if (items.Count > Max)
        {
            limits.Add($"Only your newest {Max} {what} of {items.Count} are listed. Write to {SupportContact.Email} for the rest.");
        }

        return items.Take(Max).ToList();
    }

    private async Task<ExportedProject> ProjectAsync(ProjectView project)
    {
        // The person's own project: the movements of its escrow are theirs (the prize they paid and what came back).
        var statement = project.State == ProjectState.Draft ? null : await grains.GetGrain<IEscrowGrain>(project.Id).GetStatementAsync();
        return new ExportedProject(project.Id, project.Brief, project.State, project.Prize, project.CreatedAt, project.EntryDeadline,
            project.SelectionDeadline, project.History, statement?.Movements ?? []);
    }

    /// <summary>The receipt of every project the person paid for; a draft never funded (or cancelled as one) has none.</summary>
    private async Task<IReadOnlyList<BuyerReceipt>> ReceiptsAsync(Actor actor, IEnumerable<ProjectView> projects)
    {
        var receipts = new List<BuyerReceipt>();
        foreach (var project in projects.Where(p => p.State != ProjectState.Draft))
        {
            try
            {
                receipts.Add(await grains.GetGrain<IProjectGrain>(project.Id).GetReceiptAsync(actor));
            }
            catch (MarketplaceException unpaid) when (unpaid.Kind == ErrorKind.Conflict)
            {
            }
        }

        return receipts;
    }

    /// <summary>The creative's own statement: every year's totals whole, the payouts bounded like every other list.</summary>
    private async Task<EarningsStatement> EarningsAsync(Actor actor, List<string> limits)
    {
        var statement = await grains.GetGrain<ICreativeEarningsGrain>(Id).GetAsync(actor);
        return statement with { Payouts = Bounded(statement.Payouts, "payouts", limits) };
    }

    private async Task<ExportedEntry> EntryAsync(Actor actor, string entryId)
    {
        var entry = await grains.GetGrain<IEntryGrain>(entryId).GetAsync(actor);
        return new ExportedEntry(entry.Id, entry.ProjectId, entry.ProjectTitle, entry.Status, entry.Standing, entry.SubmittedAt, entry.Rating,
            entry.Revisions.Select(r => new ExportedVersion(r.Number, File(r.Original), r.Note, r.At)).ToList(), entry.Comments);
    }

    /// <summary>Every handover of the person's projects (each award attempt) and every one they won.</summary>
    private async Task<IReadOnlyList<(WrapUpView View, string Role)>> HandoversAsync(Actor actor, IEnumerable<ProjectView> projects, IEnumerable<WonWrapUp> won)
    {
        var ids = projects.SelectMany(p => Enumerable.Range(1, p.Attempt).Select(attempt => (Id: $"{p.Id}/{attempt}", Role: "buyer")))
            .Concat(won.Select(w => (Id: w.WrapUpId, Role: "creative")))
            .DistinctBy(h => h.Id)
            .Take(Max);
        var handovers = new List<(WrapUpView, string)>();
        foreach (var (id, role) in ids)
        {
            if (await ViewOrNullAsync(() => grains.GetGrain<IWrapUpGrain>(id).GetAsync(actor)) is { } view)
            {
                handovers.Add((view, role));
            }
        }

        return handovers;
    }

    private ExportedHandover Handover(WrapUpView view, string role) => new(
        view.WrapUpId, view.ProjectTitle, role, view.Step, view.Outcome,
        view.Timeline.Where(t => t.ActorId == Id || t.OnBehalfOf == Id).ToList(),
        view.Messages,
        view.Deliveries.SelectMany(d => d.Files).Select(f => File(f.File)).ToList());

    private async Task<IReadOnlyList<ReviewView>> ReviewsAsync(Actor actor, IEnumerable<WrapUpView> handovers)
    {
        var reviews = new List<ReviewView>();
        foreach (var handover in handovers.Where(h => h.Step == WrapUpStep.Ended))
        {
            if (await ViewOrNullAsync(() => grains.GetGrain<IReviewGrain>(handover.WrapUpId).GetAsync(actor)) is { Review: { } review })
            {
                reviews.Add(review);
            }
        }

        return reviews;
    }

    /// <summary>Only creatives ask, about briefs they may enter: the questions of the projects they entered, the ones that are theirs.</summary>
    private async Task<IReadOnlyList<ExportedQuestion>> QuestionsAskedAsync(Actor actor, IEnumerable<string> projectIds)
    {
        var asked = new List<ExportedQuestion>();
        foreach (var projectId in projectIds)
        {
            if (await ViewOrNullAsync(() => grains.GetGrain<IProjectQuestionsGrain>(projectId).GetAsync(actor)) is { } questions)
            {
                asked.AddRange(questions.Questions.Where(q => q.Yours)
                    .Select(q => new ExportedQuestion(projectId, q.Number, q.Text, q.AskedAt, q.Status, q.Answer)));
            }
        }

        return asked;
    }

    /// <summary>
    /// Reports are kept by the reported entry, not by the reporter, so the person's standing reports are found in the
    /// galleries of the projects they bought or entered (at most <see cref="PersonalDataExport.MaxItems"/> entries looked at).
    /// </summary>
    private async Task<IReadOnlyList<ExportedReport>> ReportsMadeAsync(Actor actor, IEnumerable<string> projectIds, List<string> limits)
    {
        var reports = new List<ExportedReport>();
        var looked = 0;
        foreach (var projectId in projectIds)
        {
            var gallery = await ViewOrNullAsync(() => grains.GetGrain<IProjectGrain>(projectId).GetGalleryAsync(actor));
            foreach (var item in gallery?.Items.Where(i => i.CreativeId != Id) ?? [])
            {
                if (++looked > Max)
                {
                    limits.Add($"Reports: only entries in the first {Max} gallery places were looked at.");
                    return reports;
                }

                if (await grains.GetGrain<IEntryReportsGrain>(item.EntryId).GetMineAsync(actor) is { } mine)
                {
                    reports.Add(new ExportedReport(item.EntryId, projectId, mine.Reason, mine.CopiesEntryNumber, mine.Note, mine.At));
                }
            }
        }

        return reports;
    }

    private static ExportedFile File(Contracts.Files.StoredFile file) => new(file.FileName, file.Bytes, file.Sha256);

    /// <summary>What the person may no longer see (a gallery since closed to them, a handover they left) is simply not listed.</summary>
    private static async Task<T?> ViewOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read();
        }
        catch (MarketplaceException refused) when (refused.Kind is ErrorKind.NotFound or ErrorKind.Forbidden)
        {
            return null;
        }
    }
}
