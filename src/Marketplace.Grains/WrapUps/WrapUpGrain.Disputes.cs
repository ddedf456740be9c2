using Marketplace.Contracts;
using Marketplace.Contracts.Files;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>
/// Disputes (anchor: Upwork): the other party answers by a deadline or the filer wins by default; staff may propose
/// an outcome both accept; otherwise staff decide. Every outcome ends the wrap-up.
/// </summary>
public sealed partial class WrapUpGrain
{
    public async Task<WrapUpView> OpenDisputeAsync(Actor actor, string reason, IReadOnlyList<FinalFile> evidence)
    {
        var by = await RequirePartyAsync(actor, PartyActing(actor), "open a dispute", null);
        var text = ActorChecks.RequireText(reason, "the reason for the dispute", MaxText);
        var (files, previews) = RequireEvidence(evidence);
        if (State.Dispute is not null)
        {
            throw MarketplaceException.Conflict("A dispute is already open on this handover.");
        }

        RequireWinnerNotRemoved();
        Record(actor, by.Role, new DisputeOpened(text, files, Now + Options.DisputeAnswerWithin, previews));
        await CommitAsync();
        return View(actor, by.Role);
    }

    /// <summary>
    /// With the winner removed there is nobody to answer a dispute, so silence would decide it; staff already hold the
    /// case and settle it with the buyer instead.
    /// </summary>
    private void RequireWinnerNotRemoved()
    {
        if (State.BuyerRemovedReason is not null)
        {
            throw MarketplaceException.Conflict("The buyer's account was closed and Marketplace support is finishing the handover with you, so there is nobody to dispute with. Write to support instead.");
        }

        if (State.WinnerRemovedReason is not null)
        {
            throw MarketplaceException.Conflict("Marketplace support already has this case because the winner was removed, so there is nobody to dispute with. Write to support instead; they settle it with you.");
        }
    }

    public async Task<WrapUpView> AnswerDisputeAsync(Actor actor, string answer, IReadOnlyList<FinalFile> evidence)
    {
        var dispute = State.Dispute ?? throw MarketplaceException.Conflict("There is no open dispute to answer.");
        var answering = dispute.FiledBy == Started.BuyerId ? WaitingOn.Creative : WaitingOn.Buyer;
        var by = await RequirePartyAsync(actor, answering, "answer the dispute", null);
        var text = ActorChecks.RequireText(answer, "your answer", MaxText);
        var (files, previews) = RequireEvidence(evidence);
        if (dispute.Stage != DisputeStage.AwaitingAnswer)
        {
            throw MarketplaceException.Conflict("The dispute was already answered.");
        }

        if (Now >= dispute.AnswerDueAt)
        {
            throw MarketplaceException.Conflict("The time to answer this dispute has passed.");
        }

        Record(actor, by.Role, new DisputeAnswered(text, files, previews));
        await CommitAsync();
        return View(actor, by.Role);
    }

    public async Task<WrapUpView> RespondToProposalAsync(Actor actor, bool accept, string? note, OnBehalf? onBehalf = null)
    {
        var party = onBehalf is not null ? PartyNamed(onBehalf.PartyId) : PartyActing(actor);
        var by = await RequirePartyAsync(actor, party, "answer the proposal", onBehalf);
        var proposal = State.Proposal ?? throw MarketplaceException.Conflict("There is no proposal to answer.");
        var partyId = State.PartyId(party);
        if (proposal.AcceptedBy.Contains(partyId))
        {
            throw MarketplaceException.Conflict("This party already accepted the proposal.");
        }

        if (Now >= proposal.DueAt)
        {
            throw MarketplaceException.Conflict("The time to answer this proposal has passed; staff will decide.");
        }

        if (!accept)
        {
            Record(actor, by.Role, new ProposalDeclined(partyId, OptionalText(note)), by.OnBehalf, by.OnBehalf?.Reason);
            await CommitAsync();
            return View(actor, by.Role);
        }

        Record(actor, by.Role, new ProposalAccepted(partyId), by.OnBehalf, by.OnBehalf?.Reason);
        if (State.Proposal!.AcceptedBy.Contains(Started.BuyerId) && State.Proposal.AcceptedBy.Contains(Started.CreativeId))
        {
            Record(Actor.System, WrapUpRoles.System, new SettlementDecided(State.Proposal.Resolution));
        }

        await CommitAsync();
        await SettleIfDecidedAsync();
        return View(actor, by.Role);
    }
}
