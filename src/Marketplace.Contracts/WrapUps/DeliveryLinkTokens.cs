using System.Buffers.Text;
using System.Text;

namespace Marketplace.Contracts.WrapUps;

/// <summary>
/// A delivery-link token is <c>{base64url(wrap-up key)}.{base64url(random secret)}</c>: the first part only says which
/// wrap-up to ask (it is not secret: anyone with the link knows which handover it belongs to), the whole token is what
/// the wrap-up hashes and compares. A bare <c>/delivery/{token}</c> link thus needs no lookup table.
/// </summary>
public static class DeliveryLinkTokens
{
    private const int MaxWrapUpKeyLength = 100;

    public static string Create(string wrapUpId, ReadOnlySpan<byte> secret) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(wrapUpId)) + "." + Base64Url.EncodeToString(secret);

    /// <summary>The wrap-up key the token names, or false when the token cannot be one of ours.</summary>
    public static bool TryReadWrapUpId(string? token, out string wrapUpId)
    {
        wrapUpId = "";
        var dot = token?.IndexOf('.') ?? -1;
        if (token is null || dot <= 0 || dot > MaxWrapUpKeyLength * 2 || token.Length > 400 || dot == token.Length - 1) return false;
        try
        {
            wrapUpId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        }
        catch (FormatException)
        {
            return false;
        }

        return wrapUpId.Length is > 0 and <= MaxWrapUpKeyLength;
    }
}
