namespace Marketplace.Grains.Accounts;

/// <summary>An email-change link as stored: the address it moves the account to and the SHA-256 of its token, never the token.</summary>
[GenerateSerializer, Immutable]
public sealed record EmailChangeLink(
    [property: Id(0)] string NewEmail,
    [property: Id(1)] string TokenSha256,
    [property: Id(2)] DateTimeOffset IssuedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] DateTimeOffset? UsedAt);
