namespace Marketplace.Grains.WrapUps;

/// <summary>The wrap-up's clocks and limits (<c>Marketplace:WrapUps</c>). Defaults follow the anchors (99designs, Upwork).</summary>
public sealed class WrapUpOptions
{
    public const string SectionName = "Marketplace:WrapUps";

    /// <summary>After delivery, the buyer's silence approves and pays (99designs: 5 days).</summary>
    public TimeSpan AutoReleaseAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The waited-on party is nudged after this long without acting.</summary>
    public TimeSpan NudgeAfter { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The case goes to the staff queue after this long without acting (longer than <see cref="NudgeAfter"/>).</summary>
    public TimeSpan QueueAfter { get; set; } = TimeSpan.FromDays(4);

    /// <summary>The other party's time to answer a dispute; silence decides for the filer (Upwork: 5 days).</summary>
    public TimeSpan DisputeAnswerWithin { get; set; } = TimeSpan.FromDays(5);

    /// <summary>The parties' time to accept staff's proposal (Upwork: 2 days).</summary>
    public TimeSpan ProposalAnswerWithin { get; set; } = TimeSpan.FromDays(2);

    /// <summary>A queued case should get its first staff response within this (shown as overdue after).</summary>
    public TimeSpan StaffResponseTarget { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the durable reminder looks at the deadlines (Orleans allows at least one minute).</summary>
    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest a third-party delivery link may stay valid.</summary>
    public TimeSpan DeliveryLinkMaxValidity { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// Once a delivery link is used, how long it keeps delivering the same zip, so a download cut off part-way resumes
    /// (or starts again) without staff making a new link; then it reads as used.
    /// </summary>
    public TimeSpan DeliveryLinkResumeWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The design transfer agreement version parties sign.</summary>
    public string AgreementVersion { get; set; } = "2026-01";

    public string? Validate() =>
        AutoReleaseAfter <= TimeSpan.Zero ? "Marketplace:WrapUps:AutoReleaseAfter must be positive."
        : NudgeAfter <= TimeSpan.Zero ? "Marketplace:WrapUps:NudgeAfter must be positive."
        : QueueAfter <= NudgeAfter ? "Marketplace:WrapUps:QueueAfter must be longer than NudgeAfter."
        : DisputeAnswerWithin <= TimeSpan.Zero ? "Marketplace:WrapUps:DisputeAnswerWithin must be positive."
        : ProposalAnswerWithin <= TimeSpan.Zero ? "Marketplace:WrapUps:ProposalAnswerWithin must be positive."
        : StaffResponseTarget <= TimeSpan.Zero ? "Marketplace:WrapUps:StaffResponseTarget must be positive."
        : CheckEvery < TimeSpan.FromMinutes(1) ? "Marketplace:WrapUps:CheckEvery must be at least one minute."
        : DeliveryLinkMaxValidity <= TimeSpan.Zero ? "Marketplace:WrapUps:DeliveryLinkMaxValidity must be positive."
        : DeliveryLinkResumeWindow <= TimeSpan.Zero ? "Marketplace:WrapUps:DeliveryLinkResumeWindow must be positive."
        : string.IsNullOrWhiteSpace(AgreementVersion) ? "Marketplace:WrapUps:AgreementVersion is required."
        : null;
}
