using Marketplace.Contracts.Escrow;
using Marketplace.Contracts.Files;
using Orleans.Concurrency;

namespace Marketplace.Contracts.WrapUps;

/// <summary>
/// The handover of one award (key: <c>{projectId}/{attempt}</c>): a state machine whose every step is an event in
/// a journal (who acted, in which role, for whom, with what consent, when, and a note).
/// Ordinary path: awaiting files → in review → awaiting signatures → (escrow releases) → ended as Completed.
/// Off the path: a case in the staff queue (stalled, help requested, disputed, winner removed), mediated once
/// staff claim it; a dispute overlays the current step until staff (or the filer by default) settle it.
/// Once ended, nothing changes again. Every refusal is a <see cref="MarketplaceException"/>.
/// <para>
/// On-behalf actions: methods taking <see cref="OnBehalf"/> let the staff member holding the case act for the named
/// party, with that party's recorded consent and a reason. A party never passes <see cref="OnBehalf"/>, and a party
/// can never act for the other. A removed winner can no longer act themselves.
/// </para>
/// </summary>
public interface IWrapUpGrain : IGrainWithStringKey
{
    /// <summary>Only <see cref="Actor.System"/> (the project grain, when the buyer awards). Asks the winner for the brief's formats. Repeating the same start is a no-op.</summary>
    Task StartAsync(Actor actor, WrapUpStart start);

    /// <summary>
    /// Staff removed the winning creative's account (called by the user grain) or only the winning entry (called by
    /// the entry grain), with the staff actor. The case goes to the staff queue with the dispute outcomes available;
    /// the creative can no longer act. Repeating is a no-op, except that an account removal after an entry removal is
    /// recorded too.
    /// </summary>
    Task WinnerRemovedAsync(Actor actor, string reason, WinnerRemoval removed);

    /// <summary>
    /// Staff removed the buyer's account (called by the user grain with the staff actor). The case goes to the staff
    /// queue as "buyer removed": staff act in the buyer's place without consent (recorded as such), check the files and
    /// decide the outcome (complete, split or refund); the automatic release, a dispute's default and proposals no
    /// longer apply, so nothing pays or refunds without staff. The winner is told once. Repeating is a no-op.
    /// </summary>
    Task BuyerRemovedAsync(Actor actor, string reason);

    /// <summary>The page: only the two parties and staff. Messages and timeline are filtered to what the asker may see (staff see all).</summary>
    Task<WrapUpView> GetAsync(Actor actor);

    /// <summary>The project's escrow (funded, held, paid out), for whoever may see the handover: the two parties and staff.</summary>
    Task<EscrowStatement> GetEscrowStatementAsync(Actor actor);

    /// <summary>The buyer once the wrap-up completed; the creative (their own files) and staff at any time.</summary>
    Task<bool> CanDownloadFinalsAsync(Actor actor);

    /// <summary>The final files of the latest delivery, for whoever <see cref="CanDownloadFinalsAsync"/>; refused otherwise.</summary>
    Task<IReadOnlyList<FinalFile>> GetFinalsForDownloadAsync(Actor actor);

    /// <summary>
    /// What "Download all files" holds, for whoever <see cref="CanDownloadFinalsAsync"/> (refused otherwise): the latest
    /// delivery's finals and README.txt, the rights record (in UTC, the same for everyone). The zip itself is built by
    /// <see cref="IZipBuildGrain"/>; the wrap-up asks for it ahead as soon as the handover completes.
    /// </summary>
    Task<ZipContents> GetFinalsZipAsync(Actor actor);

    /// <summary>
    /// Only <see cref="Actor.System"/> (the zip build grain): a zip of this handover's files (the buyer's or a delivery
    /// link's) failed to build several times in a row, for <paramref name="reason"/>. The case goes to the staff queue
    /// once, whoever taps how often; nothing happens while it is there.
    /// </summary>
    Task ZipKeepsFailingAsync(Actor actor, string reason);

    /// <summary>Only <see cref="Actor.System"/> (the zip build grain): that zip was built after all, so the case leaves the queue (unless it has other reasons).</summary>
    Task ZipBuiltAsync(Actor actor);

    /// <summary>
    /// The staff member holding a "zip keeps failing" case (also on a completed handover, where it is the only case there
    /// can be) asks every zip of this handover (the buyer's, each usable delivery link's) to be built again now, whatever
    /// the cool-down after failures. A zip that is stored already closes the case at once; one whose file storage lost
    /// is refused (409) naming the file, since building again cannot bring it back (close the case with a note instead).
    /// </summary>
    Task<WrapUpView> RetryZipAsync(Actor actor);

    // ---- the parties (or staff holding the case, for a party, with consent) ----

    /// <summary>
    /// The creative delivers the finals while files are awaited (at least one file). Starts the automatic-release timer,
    /// except in a removed winner's case (staff settle it).
    /// A delivery leaving out a format of the brief (see <see cref="FormatChecklist"/>) is refused without a note saying why;
    /// the same holds for staff delivering for the creative.
    /// </summary>
    Task<WrapUpView> DeliverFilesAsync(Actor actor, IReadOnlyList<FinalFile> files, string? note, OnBehalf? onBehalf = null);

    /// <summary>The buyer approves the delivered files (only in review). Next: both sign the transfer agreement.</summary>
    Task<WrapUpView> ApproveAsync(Actor actor, string? note, OnBehalf? onBehalf = null);

    /// <summary>The buyer asks for changes with a message (only in review): back to awaiting files.</summary>
    Task<WrapUpView> RequestChangesAsync(Actor actor, string message, OnBehalf? onBehalf = null);

    /// <summary>
    /// A party signs the design transfer agreement (only after approval; once per party). When both signed, escrow
    /// releases the prize less the fee and the wrap-up completes — unless staff hold the case, then staff release.
    /// </summary>
    Task<WrapUpView> SignAgreementAsync(Actor actor, string agreementVersion, OnBehalf? onBehalf = null);

    /// <summary>The buyer pauses the automatic release with a reason (only in review, while it runs).</summary>
    Task<WrapUpView> PauseAutoReleaseAsync(Actor actor, string reason, OnBehalf? onBehalf = null);

    /// <summary>The buyer resumes a paused automatic release; the time left is what remained when paused.</summary>
    Task<WrapUpView> ResumeAutoReleaseAsync(Actor actor, OnBehalf? onBehalf = null);

    /// <summary>
    /// A message. Parties write to <see cref="MessageAudience.BothParties"/> or <see cref="MessageAudience.Staff"/>;
    /// the staff member holding the case writes to either party or both.
    /// </summary>
    Task<WrapUpView> PostMessageAsync(Actor actor, MessageAudience to, string text);

    /// <summary>Either party presses "I need help" at any step: the case goes to the staff queue.</summary>
    Task<WrapUpView> RequestHelpAsync(Actor actor, string message);

    /// <summary>
    /// Either party opens a dispute with a reason (one at a time) and files that show the problem (stored through the
    /// same checks as finals; images with previews). Stops automatic release; the other party must answer by a deadline
    /// or the filer wins by default.
    /// </summary>
    Task<WrapUpView> OpenDisputeAsync(Actor actor, string reason, IReadOnlyList<FinalFile> evidence);

    /// <summary>The other party answers an open dispute before its deadline, with files of their own.</summary>
    Task<WrapUpView> AnswerDisputeAsync(Actor actor, string answer, IReadOnlyList<FinalFile> evidence);

    /// <summary>A party accepts or declines staff's proposed outcome before its deadline. Both accepting settles it.</summary>
    Task<WrapUpView> RespondToProposalAsync(Actor actor, bool accept, string? note, OnBehalf? onBehalf = null);

    // ---- staff ----

    /// <summary>Staff claim the queued case (one at a time; a second claim is refused naming the holder). The wrap-up is then mediated.</summary>
    Task<WrapUpView> ClaimAsync(Actor actor);

    /// <summary>The holder releases the case back to the queue (still open, unclaimed).</summary>
    Task<WrapUpView> ReleaseClaimAsync(Actor actor);

    /// <summary>The holder relays a message a party sent them to the other party (shown with staff as sender and the party as original author).</summary>
    Task<WrapUpView> RelayMessageAsync(Actor actor, string fromPartyId, string text);

    /// <summary>The holder records a quality check of the delivered finals (checklist + note).</summary>
    Task<WrapUpView> RecordQualityCheckAsync(Actor actor, IReadOnlyList<QualityCheckItem> checklist, string? note);

    /// <summary>The holder sends the buyer low-resolution previews of the finals that have them (images, drawn PDF first pages and SVGs; refused when none has).</summary>
    Task<WrapUpView> SendPreviewsToBuyerAsync(Actor actor, string? note);

    /// <summary>
    /// The holder, with the buyer's consent (<paramref name="onBehalf"/> names the buyer), issues an expiring link
    /// (usable again only within the resume window after its first use) delivering this wrap-up's finals to a third party. The token is returned once and stored hashed; it starts with the wrap-up key (see <see cref="DeliveryLinkTokens"/>) so a bare link finds its grain.
    /// </summary>
    Task<DeliveryLinkIssued> CreateDeliveryLinkAsync(Actor actor, ThirdPartyRecipient recipient, TimeSpan validFor, OnBehalf onBehalf);

    /// <summary>
    /// Anyone holding the token (no sign-in): what the link would deliver (project title, file names and sizes, expiry),
    /// without using it, so link-preview bots and mail scanners opening the landing page cannot burn it. Refused like
    /// <see cref="RedeemDeliveryLinkAsync"/>.
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<DeliveryLinkPreview> PeekDeliveryLinkAsync(string token);

    /// <summary>
    /// Anyone holding the token (no sign-in): records the first use (starting the resume window) and returns the files of
    /// the round the link was made for; within the window it records nothing more and returns the same. Refused when
    /// unknown, expired before it was used, used longer ago than the window, or the handover ended without completing.
    /// </summary>
    Task<DeliveryLinkPreview> RedeemDeliveryLinkAsync(string token, string? redeemedFrom);

    /// <summary>The holder moves a running deadline later by <paramref name="by"/>, with a reason.</summary>
    Task<WrapUpView> ExtendDeadlineAsync(Actor actor, WrapUpDeadlineKind deadline, TimeSpan by, string reason);

    /// <summary>
    /// The holder releases the prize (less fee) to the creative: the last step of the ordinary path, so only once the
    /// buyer approved and both signed the transfer agreement (themselves, or staff for them with recorded consent),
    /// i.e. the mediated wrap-up awaits release. The wrap-up completes. Refused, saying what is missing and how to get
    /// it, at any earlier step; refused with a dispute open or the winner removed, which are settled by
    /// <see cref="DecideOutcomeAsync"/> (see <see cref="WrapUpView.ReleaseRefusal"/>).
    /// </summary>
    Task<WrapUpView> ReleasePaymentAsync(Actor actor, string reason);

    /// <summary>The holder closes mediation: the case leaves the queue and the wrap-up continues on the ordinary path at its step. Refused while a dispute or removed winner needs an outcome.</summary>
    Task<WrapUpView> CloseMediationAsync(Actor actor, string note);

    /// <summary>The holder proposes an outcome of a dispute or removed-winner case; both parties (or staff for them, with consent) accept before its deadline.</summary>
    Task<WrapUpView> ProposeOutcomeAsync(Actor actor, Resolution proposal, string reason);

    /// <summary>
    /// The holder decides a dispute or removed-winner case. Escrow moves exactly once; repeating the same decision
    /// returns the ended wrap-up and moves nothing; a different decision after the end is refused.
    /// </summary>
    Task<WrapUpView> DecideOutcomeAsync(Actor actor, Resolution decision, string reason);

    /// <summary>
    /// Only <see cref="Actor.System"/>: applies every deadline that passed by now (automatic release, stall nudge and
    /// queue, dispute default, proposal expiry). The durable reminder calls it; tests call it after moving the clock.
    /// </summary>
    Task EvaluateDeadlinesAsync(Actor actor);

    /// <summary>
    /// Only <see cref="Actor.System"/> (an inbox holding notices stored before calls to act were kept with them):
    /// recounts from the journal every call to act this handover sent <paramref name="recipientId"/>, and whether each
    /// still stands, and gives them to that inbox (<see cref="Notifications.INotificationInboxGrain.RestoreCallsAsync"/>).
    /// One-way, so the inbox never waits on a wrap-up that may be handing it a notice.
    /// </summary>
    [OneWay]
    Task RecountCallsAsync(Actor actor, string recipientId);
}
