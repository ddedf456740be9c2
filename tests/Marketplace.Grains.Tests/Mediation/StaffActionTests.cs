using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Tests.WrapUps;
using Marketplace.Grains.WrapUps;

namespace Marketplace.Grains.Tests.Mediation;

[Collection(ClusterCollection.Name)]
public sealed class StaffActionTests(ClusterFixture fixture)
{
    /// <summary>Every staff-only action, as one party-neutral call per action.</summary>
    private static IEnumerable<(string Name, Func<Handover, Actor, Task> Call)> StaffActions()
    {
        yield return ("claim", (h, a) => h.Grain.ClaimAsync(a));
        yield return ("release claim", (h, a) => h.Grain.ReleaseClaimAsync(a));
        yield return ("relay", (h, a) => h.Grain.RelayMessageAsync(a, h.Buyer.UserId, "Relayed"));
        yield return ("quality check", (h, a) => h.Grain.RecordQualityCheckAsync(a, [new QualityCheckItem("300 dpi", true)], null));
        yield return ("previews", (h, a) => h.Grain.SendPreviewsToBuyerAsync(a, null));
        yield return ("link", (h, a) => h.Grain.CreateDeliveryLinkAsync(a, new ThirdPartyRecipient("Printer", "print@example.com"), TimeSpan.FromDays(1), h.For(h.Buyer)));
        yield return ("extend", (h, a) => h.Grain.ExtendDeadlineAsync(a, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(1), "More time"));
        yield return ("release payment", (h, a) => h.Grain.ReleasePaymentAsync(a, "Pay"));
        yield return ("close", (h, a) => h.Grain.CloseMediationAsync(a, "Done"));
        yield return ("propose", (h, a) => h.Grain.ProposeOutcomeAsync(a, new Resolution(WrapUpOutcome.Refunded), "Refund"));
        yield return ("decide", (h, a) => h.Grain.DecideOutcomeAsync(a, new Resolution(WrapUpOutcome.Refunded), "Refund"));
        yield return ("approve for buyer", (h, a) => h.Grain.ApproveAsync(a, null, h.For(h.Buyer)));
        yield return ("winner removed", (h, a) => h.Grain.WinnerRemovedAsync(a, "Policy", WinnerRemoval.Account));
    }

    [Fact]
    public async Task Every_staff_action_is_refused_to_buyers_creatives_anonymous_and_fake_staff()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.RequestHelpAsync(h.Buyer, "Please step in.");
        var anonymous = new Actor("anonymous", UserRoles.None);
        var fakeStaff = new Actor(h.Buyer.UserId, UserRoles.Buyer | UserRoles.Staff);

        foreach (var (name, call) in StaffActions())
        {
            foreach (var actor in new[] { h.Buyer, h.Creative, anonymous, fakeStaff })
            {
                var error = await Assert.ThrowsAsync<MarketplaceException>(() => call(h, actor));
                Assert.True(error.Kind == ErrorKind.Forbidden, $"{name} by {actor.UserId}: {error.Kind} {error.Message}");
            }
        }

        var view = await h.Grain.GetAsync(h.Staff);
        Assert.Null(view.Mediation!.ClaimedBy);
        Assert.Equal(WrapUpStep.InReview, view.Step);
        Assert.Empty(view.DeliveryLinks);
    }

    [Fact]
    public async Task Staff_act_for_a_party_only_with_a_named_party_consent_and_reason()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.CaseClaimedAsync();

        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Staff, null));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Creative)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Buyer) with { Consent = new Consent(" ", h.Now) }));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Buyer) with { Consent = null! }));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Buyer) with { Consent = new Consent("phone", h.Now.AddHours(1)) }));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Buyer) with { Reason = "" }));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Staff)));
        Assert.Equal(WrapUpStep.InReview, (await h.Grain.GetAsync(h.Staff)).Step);

        var approved = await h.Grain.ApproveAsync(h.Staff, "Said yes on the phone.", h.For(h.Buyer, "phone call at 14:05"));

        var entry = approved.Timeline.Single(t => t.Kind == nameof(Approved));
        Assert.Equal(h.Staff.UserId, entry.ActorId);
        Assert.Equal(WrapUpRoles.Staff, entry.ActorRole);
        Assert.Equal(h.Buyer.UserId, entry.OnBehalfOf);
        Assert.Equal("phone call at 14:05", entry.Consent!.How);
        Assert.False(string.IsNullOrWhiteSpace(entry.Reason));
    }

    [Fact]
    public async Task A_party_can_never_act_for_the_other()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.CaseClaimedAsync();

        var message = await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Creative, null, h.For(h.Buyer)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.DeliverFilesAsync(h.Buyer, [Finals.Image("mine.png")], null, h.For(h.Creative)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.RespondToProposalAsync(h.Buyer, true, null, h.For(h.Creative)));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.ApproveAsync(h.Buyer, null, h.For(h.Buyer)));

        Assert.Contains("never act for the other", message);
    }

    [Fact]
    public async Task Staff_need_to_hold_the_case_to_act()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();

        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.PostMessageAsync(h.Staff, MessageAudience.Buyer, "Hello"));
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ClaimAsync(h.Staff));
        await h.Grain.RequestHelpAsync(h.Creative, "Help");
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ApproveAsync(h.Staff, null, h.For(h.Buyer)));
    }

    [Fact]
    public async Task Parties_see_staff_messages_meant_for_them_and_relays_name_the_author()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.CaseClaimedAsync();
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.Buyer, "For the buyer only.");
        await h.Grain.PostMessageAsync(h.Staff, MessageAudience.BothParties, "For both.");
        await h.Grain.PostMessageAsync(h.Creative, MessageAudience.Staff, "To staff: I will send the files by email.");
        await h.Grain.RelayMessageAsync(h.Staff, h.Creative.UserId, "The files come tomorrow.");

        var buyer = await h.Grain.GetAsync(h.Buyer);
        var creative = await h.Grain.GetAsync(h.Creative);
        var staff = await h.Grain.GetAsync(h.Staff);

        Assert.Equal(["The other side does not answer.", "For the buyer only.", "For both.", "The files come tomorrow."], buyer.Messages.Select(m => m.Text));
        var relayed = buyer.Messages.Last();
        Assert.Equal(h.Staff.UserId, relayed.SenderId);
        Assert.Equal(WrapUpRoles.Staff, relayed.SenderRole);
        Assert.Equal(h.Creative.UserId, relayed.OriginalAuthorId);
        Assert.Equal(["For both.", "To staff: I will send the files by email.", "The files come tomorrow."], creative.Messages.Select(m => m.Text));
        Assert.Equal(5, staff.Messages.Count);
        Assert.DoesNotContain(buyer.Timeline, t => t.Summary.Contains("email", StringComparison.Ordinal));
        await Refused.WithAsync(ErrorKind.Forbidden, () => h.Grain.RelayMessageAsync(h.Staff, h.Staff.UserId, "Self"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.PostMessageAsync(h.Buyer, MessageAudience.Creative, "Private to creative"));
    }

    [Fact]
    public async Task Staff_extend_a_running_deadline_with_a_reason()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.CaseClaimedAsync();
        var before = Assert.Single((await h.Grain.GetAsync(h.Staff)).Deadlines).DueAt;

        var extended = await h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(2), "The buyer is travelling.");

        Assert.Equal(before.AddDays(2), Assert.Single(extended.Deadlines).DueAt);
        Assert.Equal("The buyer is travelling.", extended.Timeline.Last().Reason);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.DisputeAnswer, TimeSpan.FromDays(1), "None running"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(-1), "Backwards"));
        await Refused.WithAsync(ErrorKind.Invalid, () => h.Grain.ExtendDeadlineAsync(h.Staff, WrapUpDeadlineKind.AutoRelease, TimeSpan.FromDays(1), ""));
    }

    [Fact]
    public async Task Staff_release_the_payment_only_once_the_buyer_approved_and_both_signed_and_only_once()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.CaseClaimedAsync();
        var noFiles = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Nothing delivered"));
        Assert.Contains("has not delivered the final files", noFiles);
        await h.DeliverAsync();

        // Delivered is not enough: the buyer's approval and both signatures come first, each said plainly.
        var notApproved = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "The buyer confirmed by email."));
        Assert.Equal("The buyer has not approved the files yet; approve for them with their recorded consent (or let them approve). Then both sign the transfer agreement.", notApproved);
        Assert.Equal(notApproved, (await h.Grain.GetAsync(h.Staff)).ReleaseRefusal);
        await h.Grain.ApproveAsync(h.Staff, "Approved by email.", h.For(h.Buyer, "email of the buyer"));
        var version = (await h.Grain.GetAsync(h.Staff)).AgreementVersion;
        var unsigned = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Approved"));
        Assert.Contains("The buyer and the creative have not signed the transfer agreement yet", unsigned);
        await h.Grain.SignAgreementAsync(h.Creative, version);
        var buyerUnsigned = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Creative signed"));
        Assert.StartsWith("The buyer has not signed the transfer agreement yet; sign for them with their recorded consent", buyerUnsigned);
        Assert.Equal(0, (await h.Escrow.GetStatementAsync()).ReleasedToCreative.Minor);
        var signed = await h.Grain.SignAgreementAsync(h.Staff, version, h.For(h.Buyer, "email of the buyer"));
        Assert.Null(signed.ReleaseRefusal);
        Assert.Null((await h.Grain.GetAsync(h.Buyer)).ReleaseRefusal);

        var paid = await h.Grain.ReleasePaymentAsync(h.Staff, "Both signed; the buyer confirmed by email.");

        Assert.Equal(WrapUpOutcome.Completed, paid.Outcome);
        await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Again"));
        var statement = await h.Escrow.GetStatementAsync();
        Assert.Single(statement.Movements, m => m.Kind == Marketplace.Contracts.Escrow.EscrowMovementKind.ReleasedToCreative);
        Assert.Equal(0, statement.Held.Minor);
    }

    [Fact]
    public async Task With_a_dispute_open_staff_decide_the_outcome_instead_of_releasing_the_payment()
    {
        var h = await Handover.AwardedAsync(fixture);
        await h.DeliverAsync();
        await h.Grain.OpenDisputeAsync(h.Buyer, "The files are not the winning design.", []);
        await h.Grain.ClaimAsync(h.Staff);

        var refusal = await Refused.WithAsync(ErrorKind.Conflict, () => h.Grain.ReleasePaymentAsync(h.Staff, "Pay anyway"));

        Assert.Contains("decide the outcome of the dispute", refusal);
        Assert.Equal(refusal, (await h.Grain.GetAsync(h.Staff)).ReleaseRefusal);
        Assert.Equal(Handover.Prize, (await h.Escrow.GetStatementAsync()).Held);
    }

    [Fact]
    public async Task Signatures_while_staff_hold_the_case_wait_for_staff_to_release_or_close()
    {
        var h = await Handover.AwardedAsync(fixture);
        var version = (await h.DeliveredAndApprovedAsync()).AgreementVersion;
        await h.CaseClaimedAsync();
        await h.Grain.SignAgreementAsync(h.Creative, version);

        var signed = await h.Grain.SignAgreementAsync(h.Buyer, version);
        Assert.Equal(WrapUpStep.AwaitingRelease, signed.Step);
        Assert.Equal(WaitingOn.Staff, signed.WaitingOn);

        var closed = await h.Grain.CloseMediationAsync(h.Staff, "All signed; the ordinary path pays.");
        Assert.Equal(WrapUpOutcome.Completed, closed.Outcome);
        Assert.Null(await h.QueuedCaseAsync());
    }
}
