namespace Marketplace.Contracts;

/// <summary>How the web should answer a refused call: 400, 403, 404 or 409.</summary>
public enum ErrorKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
}

/// <summary>
/// A rule refused the call. <see cref="Exception.Message"/> is written for the person who made it
/// ("Only the project's buyer can award an entry."), so the web can show it as is. A message that names a time is
/// written with <see cref="TimeMarkers.Mark"/>: <see cref="Marked"/> keeps the instant, so the web writes it in the
/// reader's zone (<see cref="In"/>); <see cref="Exception.Message"/> has it in UTC, labelled, for logs and any other reader.
/// </summary>
[GenerateSerializer]
public sealed class MarketplaceException(ErrorKind kind, string message)
    : Exception(TimeMarkers.Write(message, TimeZoneInfo.Utc))
{
    [Id(0)] public ErrorKind Kind { get; } = kind;

    /// <summary>The message with its times as markers; null when it names none.</summary>
    [Id(1)] public string? Marked { get; } = TimeMarkers.HasAny(message) ? message : null;

    /// <summary>Where the person can do what the message suggests ("Revise entry #7"), when there is such a page; pages link it.</summary>
    [Id(2)] public RefusalLink? Next { get; init; }

    /// <summary>The message with its times in <paramref name="zone"/>.</summary>
    public string In(TimeZoneInfo zone) => Marked is null ? Message : TimeMarkers.Write(Marked, zone);

    /// <summary>The instants the message names, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Times => TimeMarkers.Instants(Marked);

    public static MarketplaceException Invalid(string message) => new(ErrorKind.Invalid, message);
    public static MarketplaceException Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static MarketplaceException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static MarketplaceException Conflict(string message) => new(ErrorKind.Conflict, message);
}

/// <summary>A link a refusal offers: <paramref name="Text"/> is what the link says, <paramref name="Path"/> a path on this site.</summary>
[GenerateSerializer, Immutable]
public sealed record RefusalLink(
    [property: Id(0)] string Text,
    [property: Id(1)] string Path);
