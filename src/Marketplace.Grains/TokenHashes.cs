using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Grains;

/// <summary>
/// Link tokens (<see cref="Contracts.LinkTokens"/>) are stored only as their SHA-256, so a copy of the grain state opens
/// nothing; a token is checked by hashing it and comparing in fixed time, so the answer's timing tells nothing of the hash.
/// </summary>
internal static class TokenHashes
{
    public static string Of(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string storedHash, string? token) =>
        !string.IsNullOrWhiteSpace(token)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Of(token.Trim())));
}
