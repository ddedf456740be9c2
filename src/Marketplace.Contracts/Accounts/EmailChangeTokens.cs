namespace Marketplace.Contracts.Accounts;

/// <summary>An email-change link's token: a <see cref="LinkTokens"/> token naming the account (its current, normalized email) that moves.</summary>
public static class EmailChangeTokens
{
    /// <summary>What a person reads for a link that is no (longer) one of ours: mistyped, cut short, or replaced by a newer one.</summary>
    public const string NotValid = "This link is not valid: it may be cut short, or a newer email change replaced it. Use the link in the newest email, or ask again on your account page.";

    public static string Create(string email, ReadOnlySpan<byte> secret) => LinkTokens.Create(email, secret);

    /// <summary>The account the token names, or false when the token cannot be one of ours.</summary>
    public static bool TryReadEmail(string? token, out string email) =>
        LinkTokens.TryReadKey(token, AccountEmail.MaxLength, out email) && AccountEmail.Normalize(email) == email;
}
