using NetVips;

namespace Marketplace.Benchmarks;

/// <summary>A benchmark input and how many times each contender processes it.</summary>
public sealed record Input(string Name, string Path, int Width, int Height, int Images);

/// <summary>
/// The benchmark images, made with libvips from a real photo of the shared corpus (scaled up, with film
/// grain so the encoders cannot cheat on flat areas) and cached under artifacts/benchmarks/inputs.
/// </summary>
public static class Inputs
{
    public static IReadOnlyList<Input> Prepare(string folder, bool quick)
    {
        Directory.CreateDirectory(folder);
        return
        [
            Make(folder, "12 MP JPEG", "photo-12mp.jpg", 4000, 3000, quick ? 3 : 12, img => img.Jpegsave(Out(folder, "photo-12mp.jpg"), q: 90)),
            Make(folder, "50 MP JPEG", "photo-50mp.jpg", 8660, 5774, quick ? 2 : 5, img => img.Jpegsave(Out(folder, "photo-50mp.jpg"), q: 90)),
            Make(folder, "12 MP progressive JPEG", "photo-12mp-progressive.jpg", 4000, 3000, quick ? 3 : 12, img => img.Jpegsave(Out(folder, "photo-12mp-progressive.jpg"), q: 90, interlace: true)),
            Make(folder, "24 MP PNG", "artwork-24mp.png", 6000, 4000, quick ? 2 : 5, img => img.Pngsave(Out(folder, "artwork-24mp.png"), compression: 6)),
        ];
    }

    private static string Out(string folder, string file) => System.IO.Path.Combine(folder, file);

    private static Input Make(string folder, string name, string file, int width, int height, int images, Action<Image> save)
    {
        var path = Out(folder, file);
        if (!File.Exists(path))
        {
            using var photo = Photo(width, height);
            save(photo);
        }

        return new Input(name, path, width, height, images);
    }

    private static Image Photo(int width, int height)
    {
        var source = System.IO.Path.Combine(Repository.Root, "..", "shared", "corpora", "exif-orientation", "Landscape_1.jpg");
        using var original = Image.NewFromFile(source);
        using var scaled = original.Resize((double)width / original.Width, vscale: (double)height / original.Height);
        using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0);
        using var noisy = scaled + grain;
        return noisy.Cast(Enums.BandFormat.Uchar).CopyMemory();
    }
}

public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
