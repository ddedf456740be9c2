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
/// ("Only the project's buyer can award an entry."), so the web can show it as is.
/// </summary>
[GenerateSerializer]
public sealed class MarketplaceException(ErrorKind kind, string message) : Exception(message)
{
    [Id(0)] public ErrorKind Kind { get; } = kind;

    public static MarketplaceException Invalid(string message) => new(ErrorKind.Invalid, message);
    public static MarketplaceException Forbidden(string message) => new(ErrorKind.Forbidden, message);
    public static MarketplaceException NotFound(string message) => new(ErrorKind.NotFound, message);
    public static MarketplaceException Conflict(string message) => new(ErrorKind.Conflict, message);
}
