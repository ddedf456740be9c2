namespace Marketplace.Contracts.Projects;

/// <summary>The categories a brief may name; each has its own catalog grain.</summary>
public static class Categories
{
    public const string Logo = "logo";
    public const string Branding = "branding";
    public const string Web = "web";
    public const string App = "app";
    public const string Packaging = "packaging";
    public const string Print = "print";
    public const string Illustration = "illustration";
    public const string Social = "social";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All =
        [Logo, Branding, Web, App, Packaging, Print, Illustration, Social, Other];

    public static bool IsKnown(string category) => All.Contains(category);
}
