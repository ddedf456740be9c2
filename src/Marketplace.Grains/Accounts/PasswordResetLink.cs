namespace Marketplace.Grains.Accounts;

/// <summary>A reset link as stored: the SHA-256 of its token, never the token.</summary>
[GenerateSerializer, Immutable]
public sealed record PasswordResetLink(
    [property: Id(0)] string TokenSha256,
    [property: Id(1)] DateTimeOffset IssuedAt,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] DateTimeOffset? UsedAt);
