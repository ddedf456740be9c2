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

    /// <summary>
    /// Print files (PDF, PostScript and TIFF first pages, SVGs) are drawn by Debian's pdftocairo, rsvg-convert, gs and vips in a child process, never in
    /// the silo; these bound each drawing. Past any of them the file is stored without a preview, never refused.
    /// </summary>
    public PrintDrawingLimits PrintDrawing { get; set; } = new();
}

/// <summary>Configuration section <c>Previews:PrintDrawing</c>: what one sandboxed drawing of a print file may use.</summary>
public sealed class PrintDrawingLimits
{
    /// <summary>Wall-clock time before the drawing's whole process group is killed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Drawing time one upload (a delivery of up to 10 files) may spend in all, so it answers well inside the 30 s a grain
    /// call may take: print files past it are stored without a preview instead of failing the whole delivery.
    /// </summary>
    public TimeSpan TimePerUpload { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>CPU seconds (prlimit --cpu): a busy machine gets the wall clock above, a busy renderer this.</summary>
    public int CpuSeconds { get; set; } = 10;

    /// <summary>Address space (prlimit --as): a huge canvas or an entity bomb fails inside the child, not the silo.</summary>
    public long MemoryBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// The drawn PNG (or pdfinfo's text) read back; more than this and the child is killed. A PostScript page cannot grow
    /// past <see cref="PrintDrawer.DrawSize"/> pixels a side, so its PNG stays far below this.
    /// </summary>
    public long MaxOutputBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Drawings at once in this silo; more wait their turn.</summary>
    public int MaxConcurrent { get; set; } = 2;

    /// <summary>The programs, found on PATH by name unless a full path is given (a test points one at nothing).</summary>
    public string PdfToCairo { get; set; } = "pdftocairo";
    public string PdfInfo { get; set; } = "pdfinfo";
    public string RsvgConvert { get; set; } = "rsvg-convert";
    public string Ghostscript { get; set; } = "gs";
    public string Vips { get; set; } = "vips";

    /// <summary>fontconfig's fc-scan (package fontconfig): reads a font's own name for its specimen.</summary>
    public string FontScan { get; set; } = "fc-scan";

    /// <summary>poppler's pdftotext: tells an Illustrator file saved without PDF content by Adobe's placeholder page.</summary>
    public string PdfToText { get; set; } = "pdftotext";

    /// <summary>
    /// ImageMagick 6's convert by its Debian name (package imagemagick-6.q16), not "convert": that name is an alternatives
    /// link other tools may shadow, and ImageMagick 7 takes other arguments.
    /// </summary>
    public string ImageMagick { get; set; } = "convert-im6.q16";
}
