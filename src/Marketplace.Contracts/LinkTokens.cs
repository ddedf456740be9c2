using System.Buffers.Text;
using System.Text;

namespace Marketplace.Contracts;

/// <summary>
/// A link token is <c>{base64url(grain key)}.{base64url(random secret)}</c>: the first part only says which grain to ask
/// (it is not secret: whoever holds the link may know what it belongs to), the whole token is what that grain hashes and
/// compares. A bare link thus needs no lookup table. Delivery links and password-reset links are made this way.
/// </summary>
public static class LinkTokens
{
    /// <summary>Bytes of randomness in a secret: 256 bits, beyond guessing.</summary>
    public const int SecretBytes = 32;

    // Longer secrets are never issued; the bound lets a made-up token be refused before anything is decoded.
    private const int MaxSecretChars = 100;

    public static string Create(string key, ReadOnlySpan<byte> secret) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(key)) + "." + Base64Url.EncodeToString(secret);

    /// <summary>The grain key the token names (at most <paramref name="maxKeyLength"/> characters), or false when the token cannot be one of ours.</summary>
    public static bool TryReadKey(string? token, int maxKeyLength, out string key)
    {
        key = "";
        var dot = token?.IndexOf('.') ?? -1;
        // A UTF-8 character takes at most 4 bytes, so a longer first part names a key too long to be one of ours.
        if (token is null || dot <= 0 || dot > Base64Url.GetEncodedLength(maxKeyLength * 4) || token.Length - dot - 1 is <= 0 or > MaxSecretChars)
        {
            return false;
        }

        try
        {
            key = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
        }
        catch (FormatException)
        {
            return false;
        }

        return key.Length > 0 && key.Length <= maxKeyLength;
    }
}
