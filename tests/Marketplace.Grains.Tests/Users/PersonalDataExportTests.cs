using System.Text.Json;
using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Questions;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.Users;
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
