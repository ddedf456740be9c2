using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Options;

namespace Marketplace.Previews.Tests;

/// <summary>
/// Real print files for the print preview tests: SVGs written by hand with known colours, PDFs made from them by
/// rsvg-convert and joined by pdfunite (the tools the previews themselves use, so a missing one fails here first).
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
        Assert.True(missing is null, $"Print previews need {missing}: install poppler-utils and librsvg2-bin (apt-get install poppler-utils librsvg2-bin; ./test.sh installs them).");
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
