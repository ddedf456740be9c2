using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Marketplace.Web.Presentation;

/// <summary>Grain keys the web chooses: short, unguessable, URL-safe and without '/'.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewProjectId() => "p-" + Random(12);

    /// <summary>An id <see cref="NewProjectId"/> could have made: what a form may send back as its own id.</summary>
    public static bool IsProjectId([NotNullWhen(true)] string? id) =>
        id is { Length: 14 } && id.StartsWith("p-", StringComparison.Ordinal) && id[2..].All(c => Alphabet.Contains(c));

    /// <summary>
    /// The project id an API client's Idempotency-Key stands for, per user (two users' keys never meet), so a repeated
    /// request reaches the same project grain, which answers a repeat with the draft it made.
    /// </summary>
    public static string ProjectIdFor(string userId, string idempotencyKey)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId + "\n" + idempotencyKey));
        return "p-" + new string(hash.Take(12).Select(b => Alphabet[b % Alphabet.Length]).ToArray());
    }
    public static string NewEntryId() => "e-" + Random(12);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Refuses keys a person could not have been given by us (path tricks, separators, huge strings).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 2 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
