using NetVips;

namespace Marketplace.Previews;

/// <summary>
/// Process-wide libvips settings, applied once before the first image: no operation cache (every upload is
/// new, and cached pixels of one creative's file must not outlive the request), bounded threads, and only
/// the loaders for allowed formats (everything else, including untrusted loaders such as SVG, is blocked).
/// </summary>
public static class VipsRuntime
{
    /// <summary>libvips loader classes left usable; blocking a class also covers its file/buffer/source variants.</summary>
    public static readonly IReadOnlyList<string> AllowedLoaders =
    [
        "VipsForeignLoadJpeg",
        "VipsForeignLoadPng",
        "VipsForeignLoadWebp",
        "VipsForeignLoadNsgif",
    ];

    private static readonly Lock Gate = new();
    private static bool _configured;

    public static void Configure(PreviewOptions options)
    {
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }

            Cache.Max = 0;
            Cache.MaxMem = 0;
            Cache.MaxFiles = 0;
            NetVips.NetVips.Concurrency = options.Concurrency > 0 ? options.Concurrency : Environment.ProcessorCount;
            NetVips.NetVips.BlockUntrusted = true;
            Operation.Block("VipsForeignLoad", true);
            foreach (var loader in AllowedLoaders)
            {
                Operation.Block(loader, false);
            }

            // libvips prints decoder warnings to stderr; refusals carry their own diagnosis instead.
            Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info | Enums.LogLevelFlags.Debug, static (_, _, _) => { });
            _configured = true;
        }
    }
}
