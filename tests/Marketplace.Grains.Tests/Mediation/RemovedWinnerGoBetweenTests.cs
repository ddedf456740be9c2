using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Mediation;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.Projects;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Mediation;

/// <summary>
/// Issue 6's story: the winner is removed for policy violations before the handover ends; the buyer still wants the
/// design; staff, with both parties' consent, finish the handover as go-between, and the journal shows every step.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RemovedWinnerGoBetweenTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Staff_finish_a_removed_winners_handover_as_go_between_with_everything_on_the_record()
    {
        var h = await Handover.AwardedAsync(fixture);
        var creativeSaysYes = h.For(h.Creative, "email from the creative to support", "The creative was removed; staff deliver for them as agreed.");
        var buyerSaysYes = h.For(h.Buyer, "phone call with the buyer", "The buyer is travelling with only a phone.");

        // Removed for repeated policy violations: the case lands in the queue with the outcomes available.
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Repeated policy violations.");
        var queued = Assert.IsType<MediationCaseView>(await h.QueuedCaseAsync());
        Assert.Contains(MediationReason.WinnerRemoved, queued.Case.Reasons);
        Assert.Equal(WaitingOn.Staff, queued.Case.WaitingOn);
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.DeliverAsync());
        await h.Grain.ClaimAsync(h.Staff);

        // Messages both ways through staff.
        await h.Grain.PostMessageAsync(h.Buyer, MessageAudience.Staff, "I still want that design. Can you get me the files?");
        await h.Grain.RelayMessageAsync(h.Staff, h.Buyer.UserId, "I still want that design. Can you get me the files?");
        await h.Grain.RelayMessageAsync(h.Staff, h.Creative.UserId, "I will email the finals to support today.");

        // Finals the creative emailed in, uploaded for them; checked; previews to the buyer's phone.
        FinalFile[] finals = [Finals.Image("bakery-logo.png"), Finals.Document("bakery-logo.pdf")];
        await h.Grain.DeliverFilesAsync(h.Staff, finals, "Received by email.", creativeSaysYes);
        await h.Grain.RecordQualityCheckAsync(h.Staff,
            [new QualityCheckItem("Matches the winning entry", true), new QualityCheckItem("Print resolution 300 dpi", true), new QualityCheckItem("Formats of the brief", true)],
            "Opened both files; all good.");
        await h.Grain.SendPreviewsToBuyerAsync(h.Staff, "Low-resolution copies for your phone.");
        var onPhone = await h.Grain.GetAsync(h.Buyer);
        var preview = Assert.Single(onPhone.PreviewsSentToBuyer);
        Assert.Equal("bakery-logo.png", preview.FileName);
        Assert.Equal(PreviewSizes.Phone, preview.Image.Size);
        Assert.False(onPhone.CanDownloadFinals);

        // Full files straight to the printer the buyer named.
        var link = await h.Grain.CreateDeliveryLinkAsync(h.Staff, new ThirdPartyRecipient("Quick Print Ltd", "orders@quickprint.example"), TimeSpan.FromDays(3), buyerSaysYes);
        var printed = (await h.Grain.RedeemDeliveryLinkAsync(link.Token, "printer")).Files;
        Assert.Equal(finals.Select(f => f.File.Sha256), printed.Select(f => f.File.Sha256));

        // The buyer's approval given on the phone, both signatures with consent, payment, case closed.
        await h.Grain.ApproveAsync(h.Staff, "Approved on the phone.", buyerSaysYes);
        var version = (await h.Grain.GetAsync(h.Staff)).AgreementVersion;
        await h.Grain.SignAgreementAsync(h.Staff, version, buyerSaysYes);
        var signed = await h.Grain.SignAgreementAsync(h.Staff, version, creativeSaysYes);
        Assert.Equal(WrapUpStep.AwaitingRelease, signed.Step);
        // Even signed, a removed winner's case is not paid by the release shortcut: staff rule it, with its own confirmation.
        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Both parties agreed."));
        Assert.Contains("decide the outcome of this case", refusal);
        var done = await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.Completed), "Both parties agreed; files delivered and checked.");

        Assert.Equal(WrapUpOutcome.Completed, done.Outcome);
        Assert.Null(done.Mediation);
        Assert.Null(await h.QueuedCaseAsync());
        Assert.Equal(ProjectState.Completed, (await h.Project.GetAsync(h.Buyer)).State);
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Equal(0, statement.Held.Minor);
        Assert.Equal(h.Creative.UserId, Assert.Single(statement.Movements, m => m.Kind == EscrowMovementKind.ReleasedToCreative).PartyId);
        Assert.True((await h.Grain.GetAsync(h.Buyer)).CanDownloadFinals);

        // The journal: every step, who did it and for whom.
        string[] expected =
        [
            nameof(Started), nameof(WinnerRemoved), nameof(CaseClaimed), nameof(MessagePosted), nameof(MessagePosted), nameof(MessagePosted),
            nameof(FilesDelivered), nameof(QualityChecked), nameof(PreviewsSent), nameof(DeliveryLinkCreated), nameof(DeliveryLinkRedeemed),
            nameof(Approved), nameof(AgreementSigned), nameof(AgreementSigned), nameof(SettlementDecided), nameof(Ended), nameof(ProjectInformed),
        ];
        var journal = done.Timeline;
        Assert.Equal(expected, journal.Select(t => t.Kind));
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(i => (long)i), journal.Select(t => t.Sequence));
        Assert.True(journal.Zip(journal.Skip(1)).All(p => p.First.At <= p.Second.At));
        var forCreative = journal.Where(t => t.OnBehalfOf == h.Creative.UserId).Select(t => t.Kind).ToList();
        var forBuyer = journal.Where(t => t.OnBehalfOf == h.Buyer.UserId).Select(t => t.Kind).ToList();
        Assert.Equal([nameof(FilesDelivered), nameof(AgreementSigned)], forCreative);
        Assert.Equal([nameof(DeliveryLinkCreated), nameof(Approved), nameof(AgreementSigned)], forBuyer);
        Assert.All(journal.Where(t => t.OnBehalfOf is not null), t =>
        {
            Assert.Equal(h.Staff.UserId, t.ActorId);
            Assert.Equal(WrapUpRoles.Staff, t.ActorRole);
            Assert.False(string.IsNullOrWhiteSpace(t.Consent?.How));
            Assert.False(string.IsNullOrWhiteSpace(t.Reason));
        });
        Assert.All(journal.Where(t => t.ActorRole == WrapUpRoles.Staff && t.Kind is not (nameof(CaseClaimed) or nameof(MessagePosted))),
            t => Assert.False(string.IsNullOrWhiteSpace(t.Reason), $"{t.Kind} has no reason"));
        var relays = done.Messages.Where(m => m.OriginalAuthorId is not null).ToList();
        Assert.Equal([h.Buyer.UserId, h.Creative.UserId], relays.Select(m => m.OriginalAuthorId));
        Assert.All(relays, m => Assert.Equal(h.Staff.UserId, m.SenderId));
        Assert.Equal(2, done.Signatures.Count);
        Assert.All(done.Signatures, s => Assert.Equal(h.Staff.UserId, s.SignedBy));
    }

    [Fact]
    public async Task Finals_staff_upload_for_a_removed_winner_start_no_automatic_release_and_cannot_be_paid_by_release()
    {
        var h = await Handover.AwardedAsync(fixture);
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Repeated policy violations.");
        await h.Grain.ClaimAsync(h.Staff);
        await h.Grain.DeliverFilesAsync(h.Staff, [Finals.Image("lotus.png"), Finals.Document("lotus.pdf")], "Emailed in.", h.For(h.Creative, "email to support"));

        var buyer = await h.Grain.GetAsync(h.Buyer);
        var staff = await h.Grain.GetAsync(h.Staff);
        Assert.Equal(WrapUpStep.InReview, buyer.Step);
        Assert.Empty(buyer.Deadlines);
        Assert.Empty(staff.Deadlines);
        Assert.EndsWith("No automatic release: staff settle this case.", buyer.Timeline.Single(t => t.Kind == nameof(FilesDelivered)).Summary);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PauseAutoReleaseAsync(h.Buyer, "Wait"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(1), "More time"));

        // Staff cannot pay the removed creative with one click: the refusal points to deciding the outcome.
        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Files are in."));
        Assert.Equal("The winning creative was removed, so the payment is not released directly: decide the outcome of this case instead (completing the handover is one of the outcomes).", refusal);
        Assert.Equal(refusal, staff.ReleaseRefusal);

        // Long past the ordinary automatic release, nothing was approved or paid on the buyer's silence.
        await h.AdvanceAsync(new WrapUpOptions().AutoReleaseAfter + TimeSpan.FromDays(1));
        var later = await h.Grain.GetAsync(h.Staff);
        Assert.Equal(WrapUpStep.InReview, later.Step);
        Assert.Null(later.Outcome);
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Held);
    }

    [Fact]
    public async Task A_removed_winner_case_can_also_end_with_a_dispute_outcome_but_never_by_closing()
    {
        var h = await Handover.AwardedAsync(fixture);
        await fixture.Grains.GetGrain<IUserGrain>(h.Creative.UserId).RemoveAsync(h.Staff, "Plagiarism.");
        await h.Grain.ClaimAsync(h.Staff);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.CloseMediationAsync(h.Staff, "Nothing to do"));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.RespondToProposalAsync(h.Creative, true, null));

        var view = await h.Grain.DecideOutcomeAsync(h.Staff, new Resolution(WrapUpOutcome.AwardAnother), "The design was plagiarised.");

        Assert.Equal(WrapUpOutcome.AwardAnother, view.Outcome);
        Assert.Equal(ProjectState.Selecting, (await h.Project.GetAsync(h.Buyer)).State);
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Held);
    }
}
