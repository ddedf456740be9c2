using System.Text.Json;
using Marketplace.Contracts.Earnings;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;

namespace Marketplace.Grains.Tests.Users;

/// <summary>"Download your data": what Marketplace holds about a person, from their own lists, for them alone.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PersonalDataExportTests(ClusterFixture fixture)
{
    private IPersonalDataGrain Export(Actor person) => fixture.Grains.GetGrain<IPersonalDataGrain>(person.UserId);

    [Fact]
    public async Task A_buyers_export_holds_their_account_projects_escrow_handovers_and_notifications_and_nobody_elses_email()
    {
        var h = await Handover.AwardedAsync(fixture);

        var export = await Export(h.Buyer).ExportAsync(h.Buyer);

        Assert.Equal((h.Buyer.UserId, $"{h.Buyer.UserId}@example.com", "Bea Buyer"), (export.Account.UserId, export.Account.Email, export.Account.DisplayName));
        var project = Assert.Single(export.Projects);
        Assert.Equal((h.ProjectId, Scenarios.Prize), (project.ProjectId, project.Prize));
        Assert.Contains(project.EscrowMovements, m => m.Kind == EscrowMovementKind.Funded && m.Amount == Scenarios.Prize);
        var handover = Assert.Single(export.Handovers);
        Assert.Equal((h.Id, "buyer"), (handover.WrapUpId, handover.Role));
        Assert.Contains(handover.Timeline, line => line.ActorId == h.Buyer.UserId);
        Assert.All(handover.Timeline, line => Assert.True(line.ActorId == h.Buyer.UserId || line.OnBehalfOf == h.Buyer.UserId));
        Assert.NotEmpty(export.Notifications);
        Assert.Empty(export.Entries);
        var json = JsonSerializer.Serialize(export);
        Assert.DoesNotContain($"{h.Creative.UserId}@example.com", json);
        Assert.DoesNotContain("PasswordHash", json);
        Assert.DoesNotContain("Token", json);
    }

    [Fact]
    public async Task A_creatives_export_holds_entries_with_versions_questions_asked_and_reports_made_but_not_reports_about_them()
    {
        var (buyer, project) = await fixture.BuyerWithOpenProjectAsync();
        var creative = await fixture.Grains.CreativeAsync();
        var rival = await fixture.Grains.CreativeAsync();
        var reporter = await fixture.Grains.CreativeAsync();
        var mine = await fixture.SubmitAsync(creative, project.Id);
        var theirs = await fixture.SubmitAsync(rival, project.Id);
        await fixture.Grains.GetGrain<IProjectQuestionsGrain>(project.Id).AskAsync(creative, "May the logo be a wordmark only?");
        await fixture.Grains.GetGrain<IEntryReportsGrain>(theirs.Id).ReportAsync(creative, project.Id, new ReportRequest(ReportReason.Offensive, null, null));
        await fixture.Grains.GetGrain<IEntryReportsGrain>(mine.Id).ReportAsync(reporter, project.Id, new ReportRequest(ReportReason.UsesSomeoneElsesWork, null, null));

        var export = await Export(creative).ExportAsync(creative);

        var entry = Assert.Single(export.Entries);
        var version = Assert.Single(entry.Versions);
        Assert.Equal((mine.Id, "logo.png", mine.Revisions[0].Original.Sha256, "First idea."), (entry.EntryId, version.File.Name, version.File.Sha256, version.Note));
        var question = Assert.Single(export.QuestionsAsked);
        Assert.Equal((project.Id, "May the logo be a wordmark only?"), (question.ProjectId, question.Text));
        var report = Assert.Single(export.ReportsMade);
        Assert.Equal((theirs.Id, ReportReason.Offensive), (report.EntryId, report.Reason));
        Assert.Empty(export.Projects);
        var json = JsonSerializer.Serialize(export);
        Assert.DoesNotContain(reporter.UserId, json);
        Assert.DoesNotContain($"{buyer.UserId}@example.com", json);
        Assert.DoesNotContain($"{rival.UserId}@example.com", json);
    }

    [Fact]
    public async Task A_buyers_export_holds_the_receipt_of_each_project_paid_for_with_the_part_of_a_split_back_and_none_for_a_cancelled_draft()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "Half the files are missing.", []);
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Split, new Money(Scenarios.Prize.Minor / 2, Scenarios.Prize.Currency)), "Half the files were usable.");
        var neverPaid = fixture.Grains.GetGrain<IProjectGrain>(ClusterFixture.NewId("project"));
        await neverPaid.CreateAsync(h.Buyer, Scenarios.Draft(fixture.Clock.GetUtcNow()));
        await neverPaid.CancelAsync(h.Buyer, "Posted it twice.");
        var receipt = await h.Project.GetReceiptAsync(h.Buyer);

        var export = await Export(h.Buyer).ExportAsync(h.Buyer);

        Assert.Equal(2, export.Projects.Count);
        var exported = Assert.Single(export.Receipts);
        Assert.Equal(receipt with { Returns = [] }, exported with { Returns = [] });
        Assert.Equal(ReceiptReturnKind.SplitShare, Assert.Single(exported.Returns).Kind);
        Assert.Equal(receipt.Returns, exported.Returns);
        Assert.Null(export.Earnings);
        Assert.DoesNotContain($"{h.Creative.UserId}@example.com", JsonSerializer.Serialize(export));
    }

    [Fact]
    public async Task A_creatives_export_holds_every_payout_and_the_yearly_totals_of_their_earnings_statement()
    {
        var h = await Handover.AwardedAsync(fixture);
        var approved = await h.DeliveredAndApprovedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, approved.AgreementVersion);
        await h.Grain.SignAgreementAsync(h.Buyer, approved.AgreementVersion);
        var statement = await fixture.Grains.GetGrain<ICreativeEarningsGrain>(h.Creative.UserId).GetAsync(h.Creative);

        var export = await Export(h.Creative).ExportAsync(h.Creative);

        var earnings = Assert.IsType<EarningsStatement>(export.Earnings);
        Assert.Equal(h.ProjectId, Assert.Single(earnings.Payouts).ProjectId);
        Assert.Equal(statement.Payouts, earnings.Payouts);
        Assert.Equal(statement.Years, earnings.Years);
        Assert.Empty(export.Receipts);
        Assert.Empty(export.Limits);
    }

    [Fact]
    public async Task An_export_lists_the_newest_500_payouts_says_so_in_limits_and_keeps_the_years_totals_whole()
    {
        var creative = await fixture.Grains.CreativeAsync();
        var earnings = fixture.Grains.GetGrain<ICreativeEarningsGrain>(creative.UserId);
        var first = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var gross = new Money(100_00, "EUR");
        var fee = new Money(15_00, "EUR");
        for (var i = 0; i <= PersonalDataExport.MaxItems; i++)
        {
            await earnings.RecordPayoutAsync(Actor.System, new CreativePayout($"op-{i}", $"p-{i}", $"Project {i}", PayoutKind.Prize, gross, fee, gross.Minus(fee), first.AddHours(i), $"ledger:{i}"));
        }

        var export = await Export(creative).ExportAsync(creative);

        var statement = Assert.IsType<EarningsStatement>(export.Earnings);
        Assert.Equal(PersonalDataExport.MaxItems, statement.Payouts.Count);
        Assert.DoesNotContain(statement.Payouts, p => p.ProjectId == "p-0");
        Assert.Equal(PersonalDataExport.MaxItems + 1, Assert.Single(statement.Years).Payouts);
        Assert.Contains(export.Limits, line => line.Contains($"{PersonalDataExport.MaxItems} payouts of {PersonalDataExport.MaxItems + 1}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_person_downloads_their_data_not_staff_nor_anyone_else()
    {
        var person = await fixture.Grains.BuyerAsync();
        var staff = await fixture.Grains.StaffAsync();
        var stranger = await fixture.Grains.CreativeAsync();

        await Refused.WithAsync(ErrorKind.Forbidden, () => Export(person).ExportAsync(staff));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Export(person).ExportAsync(stranger));
        await Refused.WithAsync(ErrorKind.Forbidden, () => Export(person).ExportAsync(Actor.System));
    }
}
