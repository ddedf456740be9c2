namespace Marketplace.Contracts.WrapUps;

/// <summary>
/// A delivery-link token is a <see cref="LinkTokens"/> token naming the wrap-up: anyone with the link knows which
/// handover it belongs to, and the wrap-up hashes and compares the whole token.
/// </summary>
public static class DeliveryLinkTokens
{
    private const int MaxWrapUpKeyLength = 100;

    public static string Create(string wrapUpId, ReadOnlySpan<byte> secret) => LinkTokens.Create(wrapUpId, secret);

    /// <summary>The wrap-up key the token names, or false when the token cannot be one of ours.</summary>
    public static bool TryReadWrapUpId(string? token, out string wrapUpId) =>
        LinkTokens.TryReadKey(token, MaxWrapUpKeyLength, out wrapUpId);
}
