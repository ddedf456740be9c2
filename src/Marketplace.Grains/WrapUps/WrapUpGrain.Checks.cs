using Marketplace.Contracts;
using Marketplace.Contracts.Users;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Grains.WrapUps;

/// <summary>Who may do what on a wrap-up: the parties for themselves, staff holding the case for a party with consent.</summary>
public sealed partial class WrapUpGrain
{
    private readonly record struct ActingAs(string Role, OnBehalf? OnBehalf);

    /// <summary>
    /// The action belongs to <paramref name="party"/>. Without <paramref name="onBehalf"/> the actor must be that party,
    /// active, and (for the creative) not removed. With it, the actor must be the staff member holding the case, the
    /// named party must be <paramref name="party"/>, and the consent and reason must be given. A party never acts for the other.
    /// </summary>
    private async Task<ActingAs> RequirePartyAsync(Actor actor, WaitingOn party, string what, OnBehalf? onBehalf)
    {
        RequireNotEnded();
        if (onBehalf is not null)
        {
            return new ActingAs(WrapUpRoles.Staff, await RequireOnBehalfAsync(actor, party, what, onBehalf));
        }

        var partyId = State.PartyId(party);
        if (!actor.Is(partyId))
        {
            throw MarketplaceException.Forbidden(actor.IsStaff
                ? $"Staff {what} only on behalf of the {Name(party)}, naming their consent and a reason."
                : $"Only the {Name(party)} of this handover can {what}.");
        }

        if (party == WaitingOn.Creative && State.WinnerRemovedReason is not null)
        {
            throw MarketplaceException.Forbidden(State.WinnerRemoval == WinnerRemoval.Entry
                ? "Your winning entry was removed, so you can no longer act on this handover; Marketplace support settles it with the buyer."
                : "You were removed from the marketplace and can no longer act on this handover.");
        }

        await grains.RequireActiveAsync(actor, UserRoles.None, what);
        return new ActingAs(Name(party), null);
    }

    private async Task<OnBehalf> RequireOnBehalfAsync(Actor actor, WaitingOn party, string what, OnBehalf onBehalf)
    {
        if (!actor.IsStaff || IsParty(actor))
        {
            throw MarketplaceException.Forbidden("Only staff can act on behalf of a party; a party can never act for the other.");
        }

        await RequireHolderAsync(actor, $"{what} for a party");
        if (onBehalf.PartyId != State.PartyId(party))
        {
            throw MarketplaceException.Forbidden($"Only the {Name(party)} can {what}: name the {Name(party)} as the party you act for.");
        }

        if (party == WaitingOn.Buyer && State.BuyerRemovedReason is not null)
        {
            // The buyer's account was closed: nobody can consent for them, so the journal says staff acted without it.
            var why = ActorChecks.RequireText(onBehalf.Reason, "a reason for acting in the buyer's place", MaxText);
            return new OnBehalf(onBehalf.PartyId, new Consent(Consent.NotPossibleBuyerRemoved, Now), why);
        }

        if (onBehalf.Consent is null || string.IsNullOrWhiteSpace(onBehalf.Consent.How))
        {
            throw MarketplaceException.Forbidden($"Record how the {Name(party)} consented before acting for them.");
        }

        if (onBehalf.Consent.GivenAt > Now)
        {
            throw MarketplaceException.Invalid("Consent cannot be given in the future; record when the party actually said yes.");
        }

        var how = ActorChecks.RequireText(onBehalf.Consent.How, "how the party consented", 500);
        var reason = ActorChecks.RequireText(onBehalf.Reason, "a reason for acting on the party's behalf", MaxText);
        return new OnBehalf(onBehalf.PartyId, new Consent(how, onBehalf.Consent.GivenAt), reason);
    }

    /// <summary>
    /// The actor is active staff and holds this case (claimed it); a case held by someone else names them. With
    /// <paramref name="zipCaseAfterEnd"/>, a handover that ended may still have its zip case acted on (claim, release,
    /// retry, close): the only case an ended handover can have.
    /// </summary>
    private async Task RequireHolderAsync(Actor actor, string what, bool zipCaseAfterEnd = false)
    {
        if (!actor.IsStaff)
        {
            throw MarketplaceException.Forbidden($"Only staff can {what}.");
        }

        await grains.RequireStaffAsync(actor, what);
        RequireNotEnded(zipCaseAfterEnd);
        var holder = State.Case?.ClaimedBy;
        if (State.Case is null)
        {
            throw MarketplaceException.Conflict("This handover is not in the staff queue, so there is no case to act on.");
        }

        if (holder is null)
        {
            throw MarketplaceException.Conflict("Claim the case before acting on it.");
        }

        if (holder != actor.UserId)
        {
            throw MarketplaceException.Conflict($"This case is held by {await DisplayNameAsync(holder)}; ask them to release it.");
        }
    }

    /// <summary>The two parties and staff may read; returns the asker's role.</summary>
    private async Task<string> RequireReaderAsync(Actor actor)
    {
        _ = Started;
        if (IsParty(actor))
        {
            return RoleOf(actor);
        }

        if (actor.IsStaff)
        {
            await grains.RequireStaffAsync(actor, "see this handover");
            return WrapUpRoles.Staff;
        }

        throw MarketplaceException.Forbidden("Only the buyer, the winning creative and staff can see this handover.");
    }

    private bool IsParty(Actor actor) => State.Start is { } s && (actor.Is(s.BuyerId) || actor.Is(s.CreativeId));

    private string RoleOf(Actor actor) =>
        actor.Is(Started.BuyerId) ? WrapUpRoles.Buyer
        : actor.Is(Started.CreativeId) ? WrapUpRoles.Creative
        : actor.IsSystem ? WrapUpRoles.System
        : WrapUpRoles.Staff;

    /// <summary>The party the actor is; staff and strangers are refused (they are no party of this handover).</summary>
    private WaitingOn PartyActing(Actor actor) =>
        actor.Is(Started.BuyerId) ? WaitingOn.Buyer
        : actor.Is(Started.CreativeId) ? WaitingOn.Creative
        : throw MarketplaceException.Forbidden(actor.IsStaff
            ? "Staff act on a handover only for a named party, with their consent."
            : "Only the buyer and the winning creative take part in this handover.");

    private WaitingOn PartyNamed(string partyId) =>
        partyId == Started.BuyerId ? WaitingOn.Buyer
        : partyId == Started.CreativeId ? WaitingOn.Creative
        : throw MarketplaceException.Forbidden("Staff can act only for the buyer or the winning creative of this handover.");

    private static string Name(WaitingOn party) => party == WaitingOn.Buyer ? WrapUpRoles.Buyer : WrapUpRoles.Creative;

    private async Task<string> DisplayNameAsync(string userId) =>
        (await ActorChecks.CardOfAsync(grains, userId))?.DisplayName is { } name ? $"{name} ({userId})" : userId;

    private void RequireNotEnded(bool zipCaseAfterEnd = false)
    {
        _ = Started;
        if (zipCaseAfterEnd && EndedWithZipCase)
        {
            return;
        }

        if (State.HasEnded)
        {
            throw MarketplaceException.Conflict($"This handover has ended ({State.Outcome}); nothing can change it now.");
        }

        if (State.Settlement is { } settlement)
        {
            throw MarketplaceException.Conflict($"This handover is being settled ({settlement.Outcome}); nothing else can change it now.");
        }
    }

    /// <summary>The handover ended and its zip keeps failing: staff still fix that (nothing else of the handover changes).</summary>
    private bool EndedWithZipCase => State.HasEnded && ZipFailureQueued;

    private void RequireStep(string refusal, params WrapUpStep[] steps)
    {
        if (!steps.Contains(State.Step))
        {
            throw MarketplaceException.Conflict(refusal);
        }
    }

    private void RequireNoOpenDispute()
    {
        if (State.Dispute is not null)
        {
            throw MarketplaceException.Conflict("A dispute is open; staff settle it before the handover can go on.");
        }

        if (State.WinnerRemovedReason is not null && State.Case?.ClaimedBy is null)
        {
            throw MarketplaceException.Conflict(State.WinnerRemoval == WinnerRemoval.Entry
                ? "The winning entry was removed; staff must take the case before the handover can go on."
                : "The winning creative was removed; staff must take the case before the handover can go on.");
        }
    }
}
