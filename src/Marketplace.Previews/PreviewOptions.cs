namespace Marketplace.Previews;

/// <summary>Configuration section <c>Previews</c>: upload limits and how much of the machine image work may use.</summary>
public sealed class PreviewOptions
{
    public const string SectionName = "Previews";

    /// <summary>Largest entry image. 64 MB holds a 50-megapixel JPEG or a large PNG.</summary>
    public long MaxEntryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest final file of any format (print PDFs, PSDs). Keep at or below <c>Files:MaxUploadBytes</c>.</summary>
    public long MaxFinalBytes { get; set; } = 256L * 1024 * 1024;

    public int MaxWidth { get; set; } = 20_000;
    public int MaxHeight { get; set; } = 20_000;

    /// <summary>Width × height, checked from the header before decoding (decompression bombs).</summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>
    /// Interlaced PNGs cannot be shrunk while streaming: libvips decodes the whole image into memory first,
    /// so they get a lower pixel limit (30 MP of 16-bit RGBA is 240 MB).
    /// </summary>
    public long MaxInterlacedPixels { get; set; } = 30_000_000;

    /// <summary>Only a GIF's first frame is previewed, but the loader still walks every frame.</summary>
    public int MaxFrames { get; set; } = 256;

    /// <summary>Threads libvips may use for one image; 0 means one per core.</summary>
    public int Concurrency { get; set; }
}
