using System.Collections.Immutable;

namespace Marketplace.Storage.Tests.GrainState;

/// <summary>A record state, changed with <c>with</c>, as the style guide asks of grain states.</summary>
[GenerateSerializer]
public sealed record ProfileState
{
    [Id(0)] public string DisplayName { get; init; } = "";
    [Id(1)] public ImmutableList<string> Skills { get; init; } = [];
    [Id(2)] public DateTimeOffset JoinedAt { get; init; }
    [Id(3)] public ProfileStatus Status { get; init; }
    [Id(4)] public string Portrait { get; init; } = "";
}

public enum ProfileStatus
{
    New,
    Verified,
}

/// <summary>A class state hiding its data behind private members, as Orleans allows.</summary>
[GenerateSerializer]
public sealed class LedgerState
{
    [Id(0)] private readonly List<long> _movements = [];

    [Id(1)] public Guid AccountId { get; private set; }

    [Id(2)] public string Currency { get; } = "EUR";

    [Id(3)] public Dictionary<string, decimal> BalanceByParty { get; set; } = [];

    public IReadOnlyList<long> Movements => _movements;

    public void Open(Guid accountId) => AccountId = accountId;

    public void Record(long amount) => _movements.Add(amount);
}

/// <summary>A journal of events declared by their abstract base, as a wrap-up timeline is.</summary>
[GenerateSerializer]
public sealed class TimelineState
{
    [Id(0)] public List<TimelineEvent> Events { get; set; } = [];
}

[GenerateSerializer]
public abstract record TimelineEvent
{
    [Id(0)] public DateTimeOffset At { get; init; }
}

[GenerateSerializer, Alias("test.files-delivered")]
public sealed record FilesDelivered : TimelineEvent
{
    [Id(0)] public int FileCount { get; init; }
}

[GenerateSerializer, Alias("test.approved")]
public sealed record Approved : TimelineEvent
{
    [Id(0)] public string Note { get; init; } = "";
}
