using System.Security.Cryptography;

namespace Marketplace.Web.Presentation;

/// <summary>Grain keys the web chooses: short, unguessable, URL-safe and without '/'.</summary>
public static class Ids
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string NewProjectId() => "p-" + Random(12);
    public static string NewEntryId() => "e-" + Random(12);

    private static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Refuses keys a person could not have been given by us (path tricks, separators, huge strings).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 2 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
