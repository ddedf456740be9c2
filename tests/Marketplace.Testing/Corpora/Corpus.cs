namespace Marketplace.Testing.Corpora;

/// <summary>
/// The shared real-world image corpora in <c>../shared/corpora</c> beside the repository root. A missing
/// corpus fails the test with the path it looked for (never a skip): under CI=true that means the checkout
/// is incomplete; locally, that <c>shared/</c> is not next to the work tree.
/// </summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary><c>../shared/corpora/exif-orientation</c>: Landscape_0..8.jpg and Portrait_0..8.jpg.</summary>
    public static string ExifOrientation => Folder("exif-orientation");

    /// <summary><c>../shared/corpora/pngsuite</c>: valid PNGs and deliberately corrupt <c>x*.png</c>.</summary>
    public static string PngSuite => Folder("pngsuite");

    public static string Folder(string name)
    {
        var folder = Path.Combine(Root.Value, name);
        return Directory.Exists(folder) ? folder : throw Missing(folder);
    }

    public static string File(string folder, string fileName)
    {
        var path = Path.Combine(Folder(folder), fileName);
        return System.IO.File.Exists(path) ? path : throw Missing(path);
    }

    private static string FindRoot() => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "corpora"));

    private static Exception Missing(string path)
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var hint = ci
            ? "CI=true: the CI checkout must have shared/ beside the repository."
            : "Put the shared folder (with corpora/) beside the repository root.";
        return new DirectoryNotFoundException($"Test corpus not found at {path}. {hint}");
    }
}
