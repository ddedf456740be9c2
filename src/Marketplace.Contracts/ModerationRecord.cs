namespace Marketplace.Contracts;

/// <summary>What staff did to a person's words: hid them, or showed them again after a mistaken hide.</summary>
public enum ModerationAction
{
    Hidden,
    ShownAgain,
}

/// <summary>One staff decision about a review, reply, question, answer or clarification: who, when and why (staff only).</summary>
[GenerateSerializer, Immutable]
public sealed record ModerationStep(
    [property: Id(0)] ModerationAction Action,
    [property: Id(1)] string StaffId,
    [property: Id(2)] string StaffName,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Note);

/// <summary>
/// Every hide and show-again of one piece of writing, oldest first, for staff: a mistaken hide undone stays on the
/// record. Compared by its steps, so views holding it stay equal when read back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ModerationRecord([property: Id(0)] IReadOnlyList<ModerationStep> Steps)
{
    /// <summary>The record of something staff never touched, or null for those who may not read it.</summary>
    public static ModerationRecord? Of(IEnumerable<ModerationStep> steps)
    {
        var list = steps.ToList();
        return list.Count == 0 ? null : new ModerationRecord(list);
    }

    public bool Equals(ModerationRecord? other) => other is not null && Steps.SequenceEqual(other.Steps);

    public override int GetHashCode() => Steps.Count;
}
