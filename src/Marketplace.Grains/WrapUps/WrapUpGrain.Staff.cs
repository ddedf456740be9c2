using System.Security.Cryptography;
using Marketplace.Contracts;
using Marketplace.Contracts.Notifications;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;
using Marketplace.Grains.Notifications;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.WrapUps;

/// <summary>What the staff member holding a case can do: every action is journaled with staff as actor and a reason.</summary>
public sealed partial class WrapUpGrain
{
    private static readonly TimeSpan LongestExtension = TimeSpan.FromDays(30);

    public async Task<WrapUpView> ClaimAsync(Actor actor)
    {
        await grains.RequireStaffAsync(actor, "claim a case");
        RequireNotEnded(zipCaseAfterEnd: true);
        var mediation = State.Case ?? throw MarketplaceException.Conflict("This handover is not in the staff queue.");
        if (mediation.ClaimedBy == actor.UserId)
        {
            return View(actor, WrapUpRoles.Staff);
        }

        if (mediation.ClaimedBy is { } holder)
        {
            throw MarketplaceException.Conflict($"This case is already held by {await DisplayNameAsync(holder)}.");
        }

        Record(actor, WrapUpRoles.Staff, new CaseClaimed());
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> ReleaseClaimAsync(Actor actor)
    {
        await RequireHolderAsync(actor, "release a case", zipCaseAfterEnd: true);
        Record(actor, WrapUpRoles.Staff, new ClaimReleased());
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> RelayMessageAsync(Actor actor, string fromPartyId, string text)
    {
        await RequireHolderAsync(actor, "relay messages");
        var author = PartyNamed(fromPartyId);
        var message = ActorChecks.RequireText(text, "the message to relay", MaxText);
        var to = author == WaitingOn.Buyer ? MessageAudience.Creative : MessageAudience.Buyer;
        Record(actor, WrapUpRoles.Staff, new MessagePosted(to, message, fromPartyId));
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> RecordQualityCheckAsync(Actor actor, IReadOnlyList<QualityCheckItem> checklist, string? note)
    {
        await RequireHolderAsync(actor, "check the final files");
        RequireDelivered("There are no final files to check yet.");
        if (checklist is null || checklist.Count == 0 || checklist.Any(c => c is null || string.IsNullOrWhiteSpace(c.Check)))
        {
            throw MarketplaceException.Invalid("List what you checked (each item named, passed or not).");
        }

        var items = checklist.Select(c => c with { Check = ActorChecks.RequireText(c.Check, "a check", 500) }).ToList();
        var text = OptionalText(note);
        Record(actor, WrapUpRoles.Staff, new QualityChecked(items, text), reason: text ?? "Quality check of the delivered finals.");
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> SendPreviewsToBuyerAsync(Actor actor, string? note)
    {
        await RequireHolderAsync(actor, "send previews to the buyer");
        var delivery = RequireDelivered("There are no final files to preview yet.");
        var now = Now;
        var previews = delivery.Files
            .Where(f => f.Preview is { Images.Count: > 0 })
            .Select(f => new SentPreview(now, f.File.FileName, LowResolution(f.Preview!)))
            .ToList();
        if (previews.Count == 0)
        {
            throw MarketplaceException.Invalid("None of the final files has a preview (images, PDFs and SVGs that could be drawn do); the buyer sees the file list instead.");
        }

        Record(actor, WrapUpRoles.Staff, new PreviewsSent(previews), reason: OptionalText(note) ?? "Low-resolution previews for the buyer to review.");
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<DeliveryLinkIssued> CreateDeliveryLinkAsync(Actor actor, ThirdPartyRecipient recipient, TimeSpan validFor, OnBehalf onBehalf)
    {
        ArgumentNullException.ThrowIfNull(onBehalf);
        var consent = await RequireOnBehalfAsync(actor, WaitingOn.Buyer, "send the finals to a third party", onBehalf);
        RequireDelivered("There are no final files to deliver yet.");
        var name = ActorChecks.RequireText(recipient?.Name, "the recipient's name", 200);
        var email = recipient!.Email is null ? null : ActorChecks.RequireText(recipient.Email, "the recipient's email", 320);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            throw MarketplaceException.Invalid("The recipient's email address does not look right.");
        }

        if (validFor <= TimeSpan.Zero || validFor > Options.DeliveryLinkMaxValidity)
        {
            throw MarketplaceException.Invalid($"A delivery link is valid for more than zero and at most {Options.DeliveryLinkMaxValidity.TotalDays:0} days.");
        }

        var token = DeliveryLinkTokens.Create(Id, RandomNumberGenerator.GetBytes(LinkTokens.SecretBytes));
        var linkId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var expiresAt = Now + validFor;
        var zone = await BuyerZoneAsync();
        Record(actor, WrapUpRoles.Staff, new DeliveryLinkCreated(linkId, new ThirdPartyRecipient(name, email), TokenHashes.Of(token), expiresAt, zone), consent, consent.Reason);
        await CommitAsync();
        // The printer's button then serves at once: the link's zip is the delivery's files alone, built now.
        var link = Preview(State.Links[^1]);
        BuildZipAhead(() => Task.FromResult(link.Zip()));
        return new DeliveryLinkIssued(Id, linkId, token, expiresAt);
    }

    public Task<DeliveryLinkPreview> PeekDeliveryLinkAsync(string token) => Task.FromResult(Preview(UsableLink(token)));

    /// <summary>
    /// The first use is recorded (who, from where, when) and starts the resume window; a use within the window (the
    /// printer's browser resuming, or pressing the button again) records nothing more and delivers the same files.
    /// </summary>
    public async Task<DeliveryLinkPreview> RedeemDeliveryLinkAsync(string token, string? redeemedFrom)
    {
        var link = UsableLink(token);
        if (link.UsedAt is null)
        {
            var from = redeemedFrom is null ? null : redeemedFrom.Trim()[..Math.Min(redeemedFrom.Trim().Length, 200)];
            Record(new Actor($"link:{link.LinkId}", UserRoles.None), WrapUpRoles.ThirdParty, new DeliveryLinkRedeemed(link.LinkId, from));
            await CommitAsync();
            link = State.Links.Single(l => l.LinkId == link.LinkId);
        }

        return Preview(link);
    }

    public async Task<WrapUpView> ExtendDeadlineAsync(Actor actor, WrapUpDeadlineKind deadline, TimeSpan by, string reason)
    {
        await RequireHolderAsync(actor, "extend a deadline");
        var why = ActorChecks.RequireText(reason, "a reason for the extension", MaxText);
        if (by <= TimeSpan.Zero || by > LongestExtension)
        {
            throw MarketplaceException.Invalid($"Extend by more than zero and at most {LongestExtension.TotalDays:0} days.");
        }

        var running = deadline switch
        {
            WrapUpDeadlineKind.AutoRelease => State.AutoReleaseDueAt is not null || State.AutoReleaseLeftWhenPaused is not null,
            WrapUpDeadlineKind.Response => State.StallClockRuns(),
            WrapUpDeadlineKind.DisputeAnswer => State.Dispute?.Stage == DisputeStage.AwaitingAnswer,
            WrapUpDeadlineKind.ProposalResponse => State.Proposal is not null,
            _ => false,
        };
        if (!running)
        {
            throw MarketplaceException.Conflict($"The {deadline} deadline is not running, so it cannot be extended.");
        }

        Record(actor, WrapUpRoles.Staff, new DeadlineExtended(deadline, by), reason: why);
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> ReleasePaymentAsync(Actor actor, string reason)
    {
        await RequireHolderAsync(actor, "release the payment");
        var why = ActorChecks.RequireText(reason, "a reason for releasing the payment", MaxText);
        if (State.ReleaseRefusal() is { } missing)
        {
            throw MarketplaceException.Conflict(missing);
        }

        Record(actor, WrapUpRoles.Staff, new SettlementDecided(new Resolution(WrapUpOutcome.Completed)), reason: why);
        await CommitAsync();
        await SettleIfDecidedAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> CloseMediationAsync(Actor actor, string note)
    {
        await RequireHolderAsync(actor, "close mediation", zipCaseAfterEnd: true);
        var text = ActorChecks.RequireText(note, "a closing note", MaxText);
        if (!State.HasEnded && (State.Dispute is not null || State.StaffSettle))
        {
            throw MarketplaceException.Conflict("This case needs an outcome (a dispute is open, or the winner or the buyer was removed); decide it instead of closing.");
        }

        Record(actor, WrapUpRoles.Staff, new MediationClosed(text), reason: text);
        if (State.Step == WrapUpStep.AwaitingRelease)
        {
            // Back on the ordinary path, both signatures mean payment.
            Record(Actor.System, WrapUpRoles.System, new SettlementDecided(new Resolution(WrapUpOutcome.Completed)));
        }

        await CommitAsync();
        await SettleIfDecidedAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> ProposeOutcomeAsync(Actor actor, Resolution proposal, string reason)
    {
        await RequireHolderAsync(actor, "propose an outcome");
        var why = ActorChecks.RequireText(reason, "a reason for the proposal", MaxText);
        RequireOutcomeCase();
        if (State.BuyerRemovedReason is not null)
        {
            throw MarketplaceException.Conflict("The buyer's account was closed, so nobody can accept a proposal for them; decide the outcome instead.");
        }

        if (State.Dispute is { Stage: DisputeStage.AwaitingAnswer })
        {
            throw MarketplaceException.Conflict("The other party may still answer the dispute; propose once they answered or the deadline is extended.");
        }

        if (State.Proposal is not null)
        {
            throw MarketplaceException.Conflict("A proposal is already waiting for the parties.");
        }

        Record(actor, WrapUpRoles.Staff, new OutcomeProposed(RequireResolution(proposal), Now + Options.ProposalAnswerWithin), reason: why);
        await CommitAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    public async Task<WrapUpView> DecideOutcomeAsync(Actor actor, Resolution decision, string reason)
    {
        await grains.RequireStaffAsync(actor, "decide an outcome");
        var resolution = RequireResolution(decision);
        if (State.Settlement is { } decided)
        {
            // A retried decision finishes the same settlement (same operation id) and moves nothing more.
            if (decided != resolution)
            {
                throw MarketplaceException.Conflict($"This case was already decided: {decided.Outcome}.");
            }

            await SettleIfDecidedAsync();
            return View(actor, WrapUpRoles.Staff);
        }

        await RequireHolderAsync(actor, "decide an outcome");
        var why = ActorChecks.RequireText(reason, "a reason for the decision", MaxText);
        RequireOutcomeCase();
        RequireOutcomeWithoutBuyer(resolution);
        Record(actor, WrapUpRoles.Staff, new SettlementDecided(resolution), reason: why);
        await CommitAsync();
        await SettleIfDecidedAsync();
        return View(actor, WrapUpRoles.Staff);
    }

    private void RequireOutcomeCase()
    {
        if (State.Dispute is null && !State.StaffSettle)
        {
            throw MarketplaceException.Conflict("Outcomes are decided for disputes and removed winners or buyers; this handover has none of them.");
        }
    }

    /// <summary>Awarding another entry and reopening both need the buyer, whose account is closed: the case ends paid, split or refunded.</summary>
    private void RequireOutcomeWithoutBuyer(Resolution resolution)
    {
        if (State.BuyerRemovedReason is not null && resolution.Outcome is WrapUpOutcome.AwardAnother or WrapUpOutcome.Reopened)
        {
            throw MarketplaceException.Conflict("The buyer's account was closed, so nobody can award another entry or run a reopened contest: complete the handover, split the prize or refund it.");
        }
    }

    /// <summary>A valid outcome for this prize: a split pays the creative part of the prize and refunds the rest.</summary>
    private Resolution RequireResolution(Resolution? resolution)
    {
        if (resolution is null || !Enum.IsDefined(resolution.Outcome))
        {
            throw MarketplaceException.Invalid("Choose an outcome.");
        }

        if (resolution.Outcome != WrapUpOutcome.Split)
        {
            return resolution.ToCreative is null
                ? resolution
                : throw MarketplaceException.Invalid("Only a split names an amount for the creative.");
        }

        var prize = Started.Prize;
        if (resolution.ToCreative is not { } part || part.Currency != prize.Currency || part.Minor <= 0 || part.Minor >= prize.Minor)
        {
            throw MarketplaceException.Invalid($"A split gives the creative more than nothing and less than the whole prize ({prize}).");
        }

        return resolution;
    }

    private static string WindowWords(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours % 1 == 0 ? $"{window.TotalHours:0} hours" : $"{window.TotalMinutes:0} minutes";

    private DeliveryView RequireDelivered(string refusal) =>
        State.LatestDelivery ?? throw MarketplaceException.Conflict(refusal);

    /// <summary>The phone-sized preview where there is one, else the smallest: light enough for a slow link.</summary>
    private static PreviewImage LowResolution(PreviewManifest manifest) =>
        manifest.Find(PreviewSizes.Phone) ?? manifest.Find(PreviewSizes.Lite) ?? manifest.Images.MinBy(i => i.Width)!;

    private DeliveryLinkPreview Preview(DeliveryLinkRecord link)
    {
        var delivery = State.Deliveries[link.Round - 1];
        return new DeliveryLinkPreview(Started.ProjectTitle, delivery.Files, link.ExpiresAt)
        {
            UsedAt = link.UsedAt,
            ResumableUntil = link.UsedAt + Options.DeliveryLinkResumeWindow,
            ResumeWindow = Options.DeliveryLinkResumeWindow,
            DeliveredAt = delivery.At,
            ZoneId = link.Zone,
            HandoverId = Id,
        };
    }

    /// <summary>
    /// The buyer's time zone, which a delivery link's page uses: a print shop across the world reads the times as the
    /// buyer who sent them does. Null (UTC) when they set none or their inbox cannot answer; the link is made anyway.
    /// </summary>
    private async Task<string?> BuyerZoneAsync()
    {
        try
        {
            var buyer = Started.BuyerId;
            return LocalTimes.FindZone(await GrainFactory.GetGrain<INotificationInboxGrain>(buyer).GetTimeZoneAsync(new Actor(buyer, UserRoles.None)))?.Id;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogBuyerZoneUnread(logger, e, Id);
            return null;
        }
    }

    /// <summary>
    /// The link this token opens, refused when unknown, used longer ago than the resume window, expired before it was
    /// used, or when the handover ended without completing. Expiry is the last moment to start a download; one started
    /// before it may still be resumed for the window.
    /// </summary>
    private DeliveryLinkRecord UsableLink(string token)
    {
        var link = State.Links.FirstOrDefault(l => TokenHashes.Matches(l.TokenSha256, token))
            ?? throw MarketplaceException.NotFound("This delivery link is not valid. Ask the sender for a new one.");
        if (link.UsedAt is { } used && Now >= used + Options.DeliveryLinkResumeWindow)
        {
            // Only the link's holder reads this, on its page: in the link's zone, like the rest of that page.
            throw MarketplaceException.Conflict($"This delivery link was used on {LocalTimes.Format(used, LocalTimes.ZoneOrUtc(link.Zone), TimeMarkers.ShortPattern)} and kept working for {WindowWords(Options.DeliveryLinkResumeWindow)} after that, so it no longer does. Ask the sender for a new one.");
        }

        if (link.UsedAt is null && Now >= link.ExpiresAt)
        {
            throw MarketplaceException.Conflict("This delivery link has expired. Ask the sender for a new one.");
        }

        if (State.HasEnded && State.Outcome != WrapUpOutcome.Completed)
        {
            throw MarketplaceException.Conflict("This handover did not complete, so its files are no longer delivered.");
        }

        return link;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The buyer's time zone for a delivery link of {WrapUpId} could not be read; its page gives times in UTC")]
    private static partial void LogBuyerZoneUnread(ILogger logger, Exception exception, string wrapUpId);
}
