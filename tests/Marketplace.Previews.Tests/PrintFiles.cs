using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Real print files for the print preview tests: SVGs and PostScript written by hand with known colours, PDFs made from
/// the SVGs by rsvg-convert and joined by pdfunite (the tools the previews themselves use, so a missing one fails here first).
/// </summary>
public static class PrintFiles
{
    public const string Red = "#d01818";
    public const string Blue = "#1840d0";
    public const string Green = "#18a030";

    /// <summary>Fails (never skips) where the renderers are missing: ./test.sh installs them from .ci/apt-packages.</summary>
    public static void RequireRenderers()
    {
        var missing = new PrintDrawer(Options.Create(new PreviewOptions())).MissingPrograms();
        Assert.True(missing is null, $"Print previews need {missing}: install poppler-utils, librsvg2-bin, ghostscript, libvips-tools, imagemagick-6.q16 and fontconfig (apt-get install poppler-utils librsvg2-bin ghostscript libvips-tools imagemagick-6.q16 fontconfig; ./test.sh installs them).");
    }

    /// <summary>An SVG of <paramref name="width"/> × <paramref name="height"/>, left half one colour, right half another.</summary>
    public static byte[] SplitSvg(string left, string right, int width = 400, int height = 200) => Encoding.UTF8.GetBytes(
        $"""
         <?xml version="1.0" encoding="UTF-8"?>
         <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}">
           <rect width="{width / 2}" height="{height}" fill="{left}"/>
           <rect x="{width / 2}" width="{width - width / 2}" height="{height}" fill="{right}"/>
         </svg>
         """);

    /// <summary>
    /// An EPS as Illustrator or Inkscape export it: "%!PS-Adobe-3.0 EPSF-3.0", a bounding box away from the page's corner
    /// (at <paramref name="x"/>, <paramref name="y"/>), left half one colour, right half another.
    /// </summary>
    public static byte[] SplitEps(string left, string right, int width = 400, int height = 200, int x = 36, int y = 72) => Encoding.ASCII.GetBytes(
        $"""
         %!PS-Adobe-3.0 EPSF-3.0
         %%Creator: Marketplace tests
         %%BoundingBox: {x} {y} {x + width} {y + height}
         %%HiResBoundingBox: {x}.0 {y}.0 {x + width}.0 {y + height}.0
         %%EndComments
         {PostScriptRgb(left)} setrgbcolor {x} {y} {width / 2} {height} rectfill
         {PostScriptRgb(right)} setrgbcolor {x + width / 2} {y} {width - width / 2} {height} rectfill
         showpage
         %%EOF

         """);

    /// <summary>A PostScript document (not an EPS) of <paramref name="width"/> × <paramref name="height"/> pages, each split in two colours.</summary>
    public static byte[] PostScript(int width, int height, params (string Left, string Right)[] pages)
    {
        var document = new StringBuilder($"%!PS-Adobe-3.0\n%%Creator: Marketplace tests\n%%BoundingBox: 0 0 {width} {height}\n%%Pages: {pages.Length}\n%%EndComments\n");
        document.Append($"<< /PageSize [{width} {height}] >> setpagedevice\n");
        for (var i = 0; i < pages.Length; i++)
        {
            document.Append($"%%Page: {i + 1} {i + 1}\n");
            document.Append($"{PostScriptRgb(pages[i].Left)} setrgbcolor 0 0 {width / 2} {height} rectfill\n");
            document.Append($"{PostScriptRgb(pages[i].Right)} setrgbcolor {width / 2} 0 {width - width / 2} {height} rectfill\nshowpage\n");
        }

        return Encoding.ASCII.GetBytes(document.Append("%%EOF\n").ToString());
    }

    /// <summary>
    /// <paramref name="postScript"/> as a printer driver's "print to file" writes it: "ctrl-d" (Windows' PostScript
    /// drivers: a Ctrl-D before and after), "pjl" (a PJL job header before, the job's end after, as HP's drivers write),
    /// or "pjl-and-ctrl-d" (both before).
    /// </summary>
    public static byte[] FromDriver(string driver, byte[] postScript)
    {
        const string Uel = "\u001b%-12345X";
        const string Pjl = Uel + "@PJL JOB NAME=\"brochure\"\r\n@PJL SET RESOLUTION = 600\r\n@PJL ENTER LANGUAGE = POSTSCRIPT\r\n";
        var (before, after) = driver switch
        {
            "ctrl-d" => ("\u0004", "\u0004"),
            "pjl" => (Pjl, Uel + "@PJL EOJ\r\n" + Uel),
            "pjl-and-ctrl-d" => (Pjl + "\u0004", "\u0004" + Uel),
            _ => throw new ArgumentOutOfRangeException(nameof(driver), driver, "No such driver."),
        };
        return [.. Encoding.ASCII.GetBytes(before), .. postScript, .. Encoding.ASCII.GetBytes(after)];
    }

    /// <summary>
    /// A DOS binary EPS as Windows programs write it: the 30-byte header, the PostScript, then a preview section (here
    /// bytes that are no TIFF at all: it is never read).
    /// </summary>
    public static byte[] BinaryEps(byte[] postScript)
    {
        var preview = Encoding.ASCII.GetBytes("II*\0 not really a TIFF preview");
        var file = new byte[30 + postScript.Length + preview.Length];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0xC5D0D3C6);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 30);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), (uint)postScript.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(20), (uint)(30 + postScript.Length));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), (uint)preview.Length);
        file[28] = file[29] = 0xFF;
        postScript.CopyTo(file, 30);
        preview.CopyTo(file, 30 + postScript.Length);
        return file;
    }

    /// <summary>A plain sRGB TIFF with no colour profile, <paramref name="width"/> × <paramref name="height"/>, left half one colour, right half another.</summary>
    public static byte[] SplitRgbTiff(string left, string right, int width = 400, int height = 200)
    {
        using var rgb = SplitRgb(left, right, width, height);
        return rgb.TiffsaveBuffer();
    }

    /// <summary>A CMYK TIFF as print shops ask for it, <paramref name="width"/> × <paramref name="height"/>, left half one colour, right half another.</summary>
    public static byte[] SplitCmykTiff(string left, string right, int width = 400, int height = 200)
    {
        using var rgb = SplitRgb(left, right, width, height);
        using var cmyk = rgb.Colourspace(Enums.Interpretation.Cmyk);
        Assert.Equal(4, cmyk.Bands);
        return cmyk.TiffsaveBuffer();
    }

    /// <summary>
    /// A Photoshop file of <paramref name="width"/> × <paramref name="height"/>, left half one colour, right half another,
    /// written here byte by byte from Adobe's file format specification, so it does not come from the program that draws
    /// it: header, empty colour mode data, image resources and layers, then the flattened image Photoshop saves with
    /// "Maximize compatibility", channel after channel, raw or PackBits-compressed. CMYK is stored inverted (255 is no
    /// ink), as Photoshop does; 16-bit samples big-endian; <paramref name="extraChannel"/> adds a fifth (fourth, for RGB)
    /// channel selecting the left half, as a saved selection is stored.
    /// </summary>
    public static byte[] SplitPsd(string left, string right, int width = 400, int height = 200, bool cmyk = false, int depth = 8, bool packBits = false, bool extraChannel = false)
    {
        using var rgb = SplitRgb(left, right, width, height);
        using var colours = cmyk ? rgb.Colourspace(Enums.Interpretation.Cmyk) : rgb.Copy();
        var pixels = colours.WriteToMemory<byte>();
        var bands = colours.Bands;
        var channels = bands + (extraChannel ? 1 : 0);
        var bytesPerSample = depth / 8;

        var file = new MemoryStream();
        void U16(int value) => file.Write([(byte)(value >> 8), (byte)value]);
        void U32(int value) => file.Write([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        file.Write("8BPS"u8);
        U16(1);
        file.Write(new byte[6]);
        U16(channels);
        U32(height);
        U32(width);
        U16(depth);
        U16(cmyk ? 4 : 3);
        U32(0); // colour mode data
        U32(0); // image resources
        U32(0); // layer and mask information
        U16(packBits ? 1 : 0);

        byte[] Row(int channel, int y)
        {
            var row = new byte[width * bytesPerSample];
            for (var x = 0; x < width; x++)
            {
                var value = channel < bands ? pixels[(y * width + x) * bands + channel] : (byte)(x < width / 2 ? 255 : 0);
                if (cmyk && channel < bands) value = (byte)(255 - value);
                row[x * bytesPerSample] = value;
                if (bytesPerSample == 2) row[x * 2 + 1] = value;
            }

            return row;
        }

        var rows = Enumerable.Range(0, channels).SelectMany(c => Enumerable.Range(0, height).Select(y => Row(c, y))).ToList();
        if (!packBits)
        {
            rows.ForEach(row => file.Write(row));
            return file.ToArray();
        }

        var packed = rows.Select(PackBits).ToList();
        packed.ForEach(row => U16(row.Length));
        packed.ForEach(row => file.Write(row));
        return file.ToArray();
    }

    /// <summary>Apple's PackBits, as PSD uses it: runs of one byte as (1 − n, byte), other bytes as (n − 1, bytes…), n ≤ 128.</summary>
    private static byte[] PackBits(byte[] row)
    {
        var packed = new List<byte>();
        for (var i = 0; i < row.Length;)
        {
            var run = 1;
            while (i + run < row.Length && run < 128 && row[i + run] == row[i]) run++;
            if (run > 1)
            {
                packed.Add((byte)(1 - run));
                packed.Add(row[i]);
                i += run;
                continue;
            }

            var start = i;
            while (i < row.Length && i - start < 128 && (i + 1 >= row.Length || row[i + 1] != row[i])) i++;
            if (i == start) i++;
            packed.Add((byte)(i - start - 1));
            packed.AddRange(row[start..i]);
        }

        return [.. packed];
    }

    private static Image SplitRgb(string left, string right, int width, int height)
    {
        using var leftHalf = Image.Black(width / 2, height, bands: 3) + Channels(left);
        using var rightHalf = Image.Black(width - width / 2, height, bands: 3) + Channels(right);
        return leftHalf.Join(rightHalf, Enums.Direction.Horizontal).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static double[] Channels(string hex) => [.. Enumerable.Range(0, 3).Select(i => (double)Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16))];

    /// <summary>"#d01818" as PostScript's "0.8157 0.0941 0.0941".</summary>
    public static string PostScriptRgb(string hex) => string.Join(' ', Enumerable.Range(0, 3)
        .Select(i => (Convert.ToInt32(hex.Substring(1 + 2 * i, 2), 16) / 255.0).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A PDF with one page per SVG, drawn by rsvg-convert and joined by pdfunite.</summary>
    public static byte[] Pdf(params byte[][] pages)
    {
        RequireRenderers();
        var folder = Directory.CreateTempSubdirectory("print-files-");
        try
        {
            var pdfs = new List<string>();
            for (var i = 0; i < pages.Length; i++)
            {
                var svg = Path.Combine(folder.FullName, $"{i}.svg");
                File.WriteAllBytes(svg, pages[i]);
                pdfs.Add(Path.Combine(folder.FullName, $"{i}.pdf"));
                Run("rsvg-convert", "--format", "pdf", "--output", pdfs[^1], svg);
            }

            if (pdfs.Count == 1) return File.ReadAllBytes(pdfs[0]);
            var joined = Path.Combine(folder.FullName, "joined.pdf");
            Run("pdfunite", [.. pdfs, joined]);
            return File.ReadAllBytes(joined);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// A valid one-page PDF whose page is <paramref name="rectangles"/> tiny filled squares (a compressed content stream of
    /// a few hundred KB): seconds of work for any renderer, so a short time limit must stop it.
    /// </summary>
    public static byte[] SlowPdf(int rectangles = 2_000_000)
    {
        var content = new MemoryStream();
        using (var zlib = new ZLibStream(content, CompressionLevel.Fastest, leaveOpen: true))
        {
            var ops = new StringBuilder();
            for (var i = 0; i < rectangles; i++)
            {
                ops.Append(i % 600).Append(' ').Append(i / 600 % 800).Append(" 0.5 0.5 re f\n");
                if (ops.Length > 1 << 16)
                {
                    zlib.Write(Encoding.ASCII.GetBytes(ops.ToString()));
                    ops.Clear();
                }
            }

            zlib.Write(Encoding.ASCII.GetBytes(ops.ToString()));
        }

        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string text) => pdf.Write(Encoding.ASCII.GetBytes(text));
        void Object(string body, byte[]? stream = null)
        {
            offsets.Add(pdf.Position);
            Write($"{offsets.Count} 0 obj\n{body}\n");
            if (stream is not null)
            {
                Write("stream\n");
                pdf.Write(stream);
                Write("\nendstream\n");
            }

            Write("endobj\n");
        }

        Write("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>");
        var compressed = content.ToArray();
        Object($"<< /Length {compressed.Length} /Filter /FlateDecode >>", compressed);
        var xref = pdf.Position;
        Write($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) Write($"{offset:D10} 00000 n \n");
        Write($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToArray();
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {errors}");
    }
}
