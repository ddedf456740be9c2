using SkiaSharp;

namespace Marketplace.Web.Demo;

/// <summary>
/// Draws believable logo-contest entries (a mark, a wordmark, a tagline on a soft background) as PNG bytes, and the
/// same logo as SVG, PDF and EPS finals, so the demo marketplace and the browser tests upload real files through the real
/// preview pipeline.
/// </summary>
public static class DemoArt
{
    private static readonly (SKColor Background, SKColor Primary, SKColor Accent)[] Palettes =
    [
        (new SKColor(0xFA, 0xF3, 0xE8), new SKColor(0x8B, 0x4A, 0x1C), new SKColor(0xE0, 0x9F, 0x3E)),
        (new SKColor(0xEE, 0xF6, 0xF3), new SKColor(0x0F, 0x6B, 0x5F), new SKColor(0x7F, 0xC8, 0xA9)),
        (new SKColor(0x1D, 0x23, 0x27), new SKColor(0xF5, 0xF5, 0xF0), new SKColor(0xF2, 0x6B, 0x38)),
        (new SKColor(0xF4, 0xF1, 0xFB), new SKColor(0x43, 0x38, 0xCA), new SKColor(0xF4, 0x72, 0xB6)),
        (new SKColor(0xFF, 0xF8, 0xE1), new SKColor(0xB4, 0x23, 0x18), new SKColor(0x1E, 0x3A, 0x8A)),
        (new SKColor(0xE8, 0xF1, 0xFB), new SKColor(0x0B, 0x3C, 0x5D), new SKColor(0x32, 0x8C, 0xC1)),
    ];

    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ];

    private static readonly Lazy<SKTypeface> Bold = new(() =>
        FontFiles.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.Default);

    /// <summary>A PNG entry for <paramref name="brand"/>; <paramref name="seed"/> picks the palette and the mark.</summary>
    public static byte[] Logo(string brand, string tagline, int seed, int width = 1200, int height = 900)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        Draw(surface.Canvas, brand, tagline, seed, width, height);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The same logo as an SVG (vector), as a creative delivers it for the brief's "SVG".</summary>
    /// <summary>
    /// A brand kit as designers zip a folder: the mark as SVG and PNG in a few variants, social sizes and a read-me, so the
    /// handover shows what a zip holds.
    /// </summary>
    public static byte[] BrandKitZip(string brand, string tagline, int seed)
    {
        var folder = $"{brand} brand kit";
        (string Name, byte[] Content)[] files =
        [
            ($"{folder}/logo/{brand.ToLowerInvariant()}-mark.svg", LogoSvg(brand, tagline, seed, 1200, 900)),
            ($"{folder}/logo/{brand.ToLowerInvariant()}-mark-stamp.svg", LogoSvg(brand, tagline, seed + 1, 800, 800)),
            ($"{folder}/logo/{brand.ToLowerInvariant()}-mark.png", Logo(brand, tagline, seed, 1200, 900)),
            ($"{folder}/social/{brand.ToLowerInvariant()}-square.png", Logo(brand, tagline, seed, 1080, 1080)),
            ($"{folder}/social/{brand.ToLowerInvariant()}-banner.png", Logo(brand, tagline, seed, 1500, 500)),
            ($"{folder}/README.txt", System.Text.Encoding.UTF8.GetBytes($"{brand} brand kit\n\nSVG for print and signs, PNG for screens. Keep clear space of one wheel around the mark.\n")),
        ];
        var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(content);
            }
        }

        return zip.ToArray();
    }

    public static byte[] LogoSvg(string brand, string tagline, int seed, int width = 1200, int height = 900)
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), managed))
        {
            Draw(canvas, brand, tagline, seed, width, height);
        }

        return stream.ToArray();
    }

    /// <summary>The same logo as a one-page PDF, as a creative delivers it for the brief's "PDF".</summary>
    public static byte[] LogoPdf(string brand, string tagline, int seed, int width = 1200, int height = 900) =>
        BrandSheetPdf(brand, tagline, seed, 1, width, height);

    /// <summary>
    /// The logo on <paramref name="pages"/> pages, each in another colourway, as brand sheets come (the handover's preview
    /// shows the first page and says "Page 1 of 2").
    /// </summary>
    public static byte[] BrandSheetPdf(string brand, string tagline, int seed, int pages, int width = 1200, int height = 900)
    {
        using var stream = new MemoryStream();
        using (var managed = new SKManagedWStream(stream))
        using (var document = SKDocument.CreatePdf(managed))
        {
            for (var page = 0; page < pages; page++)
            {
                Draw(document.BeginPage(width, height), brand, tagline, seed, width, height, colourway: page);
                document.EndPage();
            }

            document.Close();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The same logo as an EPS, as sign makers and printers ask for it: PostScript text written here (the mark's shapes, the
    /// wordmark in Helvetica Bold), so the demo shows an EPS final's preview drawn by Ghostscript.
    /// </summary>
    public static byte[] LogoEps(string brand, string tagline, int seed, int width = 1200, int height = 900)
    {
        var (background, primary, accent) = Palettes[Math.Abs(seed * 7 + seed / 5) % Palettes.Length];
        var (x, y, r) = (width / 2.0, height * 0.60, Math.Min(width, height) * 0.22);
        var eps = new System.Text.StringBuilder()
            .Append($"%!PS-Adobe-3.0 EPSF-3.0\n%%Creator: Marketplace demo\n%%Title: {PostScriptText(brand)} logo\n%%BoundingBox: 0 0 {width} {height}\n%%EndComments\n")
            .Append($"/centred {{ dup stringwidth pop 2 div neg 0 rmoveto show }} def\n")
            .Append($"{Rgb(background)} setrgbcolor 0 0 {width} {height} rectfill\n")
            .Append(EpsMark(Math.Abs(seed) % 5, x, y, r, primary, accent, background, PostScriptText(brand[..1].ToUpperInvariant())))
            .Append($"/Helvetica-Bold findfont {Number(height * 0.085)} scalefont setfont {Rgb(primary)} setrgbcolor {Number(x)} {Number(height * 0.28)} moveto ({PostScriptText(brand)}) centred\n")
            .Append($"/Helvetica-Bold findfont {Number(height * 0.03)} scalefont setfont {Rgb(accent)} setrgbcolor {Number(x)} {Number(height * 0.20)} moveto ({PostScriptText(tagline.ToUpperInvariant())}) centred\n")
            .Append("showpage\n%%EOF\n");
        return System.Text.Encoding.Latin1.GetBytes(eps.ToString());
    }

    /// <summary>The PNG's marks in PostScript (y grows upwards): circles, a square with the initial, a hexagon with rings, a sun, a leaf.</summary>
    private static string EpsMark(int style, double x, double y, double r, SKColor primary, SKColor accent, SKColor background, string initial) => style switch
    {
        0 => $"{Rgb(primary)} setrgbcolor {Number(x - r * 0.35)} {Number(y)} {Number(r * 0.8)} 0 360 arc fill\n{Rgb(accent)} setrgbcolor {Number(x + r * 0.35)} {Number(y)} {Number(r * 0.8)} 0 360 arc fill\n",
        1 => $"{Rgb(primary)} setrgbcolor {Number(x - r)} {Number(y - r)} {Number(2 * r)} {Number(2 * r)} rectfill\n"
            + $"/Helvetica-Bold findfont {Number(r * 1.2)} scalefont setfont {Rgb(background)} setrgbcolor {Number(x)} {Number(y - r * 0.42)} moveto ({initial}) centred\n",
        2 => $"{Rgb(primary)} setrgbcolor {string.Join(' ', Enumerable.Range(0, 6).Select(i => $"{Number(x + r * Math.Cos(Math.PI / 2 + i * Math.PI / 3))} {Number(y + r * Math.Sin(Math.PI / 2 + i * Math.PI / 3))} {(i == 0 ? "moveto" : "lineto")}"))} closepath fill\n"
            + $"{Rgb(accent)} setrgbcolor {Number(x)} {Number(y)} {Number(r * 0.5)} 0 360 arc fill\n{Rgb(background)} setrgbcolor {Number(x)} {Number(y)} {Number(r * 0.28)} 0 360 arc fill\n",
        3 => $"{Rgb(accent)} setrgbcolor {Number(x)} {Number(y)} {Number(r)} 0 360 arc fill\n{Rgb(primary)} setrgbcolor "
            + string.Concat(Enumerable.Range(0, 4).Select(i => $"{Number(x - r * 1.2)} {Number(y - i * r * 0.3 - r * 0.15)} {Number(r * 2.4)} {Number(r * 0.15)} rectfill ")) + "\n",
        _ => $"{Rgb(primary)} setrgbcolor {Number(x)} {Number(y + r)} moveto {Number(x + r * 0.73)} {Number(y + r * 0.33)} {Number(x + r * 0.73)} {Number(y - r * 0.33)} {Number(x)} {Number(y - r)} curveto "
            + $"{Number(x - r * 0.73)} {Number(y - r * 0.33)} {Number(x - r * 0.73)} {Number(y + r * 0.33)} {Number(x)} {Number(y + r)} curveto fill\n",
    };

    private static string Rgb(SKColor colour) => $"{Number(colour.Red / 255.0)} {Number(colour.Green / 255.0)} {Number(colour.Blue / 255.0)}";

    private static string Number(double value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A PostScript string's contents: backslashes and parentheses escaped, anything outside Latin-1 as "?".</summary>
    private static string PostScriptText(string text) =>
        string.Concat(text.Select(c => c switch { '\\' or '(' or ')' => $"\\{c}", > '\u00ff' => "?", _ => c.ToString() }));

    private static void Draw(SKCanvas canvas, string brand, string tagline, int seed, int width, int height, int colourway = 0)
    {
        var (background, primary, accent) = Palettes[(Math.Abs(seed * 7 + seed / 5) + colourway * 3) % Palettes.Length];
        canvas.Clear(background);

        var centre = new SKPoint(width / 2f, height * 0.40f);
        var size = Math.Min(width, height) * 0.22f;
        DrawMark(canvas, Math.Abs(seed) % 5, centre, size, primary, accent, background, brand);
        DrawText(canvas, brand, new SKPoint(width / 2f, height * 0.72f), height * 0.085f, primary);
        DrawText(canvas, tagline.ToUpperInvariant(), new SKPoint(width / 2f, height * 0.80f), height * 0.03f, accent);
    }

    private static void DrawMark(SKCanvas canvas, int style, SKPoint c, float r, SKColor primary, SKColor accent, SKColor background, string brand)
    {
        using var fill = new SKPaint { IsAntialias = true, Color = primary, Style = SKPaintStyle.Fill };
        using var second = new SKPaint { IsAntialias = true, Color = accent, Style = SKPaintStyle.Fill };
        using var cut = new SKPaint { IsAntialias = true, Color = background, Style = SKPaintStyle.Fill };
        switch (style)
        {
            case 0: // two overlapping circles
                canvas.DrawCircle(c.X - r * 0.35f, c.Y, r * 0.8f, fill);
                second.Color = accent.WithAlpha(210);
                canvas.DrawCircle(c.X + r * 0.35f, c.Y, r * 0.8f, second);
                break;
            case 1: // rounded square with the initial
                canvas.DrawRoundRect(new SKRect(c.X - r, c.Y - r, c.X + r, c.Y + r), r * 0.3f, r * 0.3f, fill);
                DrawText(canvas, brand[..1].ToUpperInvariant(), new SKPoint(c.X, c.Y + r * 0.42f), r * 1.2f, background);
                break;
            case 2: // hexagon with an inner ring
                using (var hex = Polygon(c, r, 6, -MathF.PI / 2))
                    canvas.DrawPath(hex, fill);
                canvas.DrawCircle(c, r * 0.5f, second);
                canvas.DrawCircle(c, r * 0.28f, cut);
                break;
            case 3: // rising sun: half disc over stripes
                canvas.DrawCircle(c, r, second);
                for (var i = 0; i < 4; i++)
                    canvas.DrawRect(new SKRect(c.X - r * 1.2f, c.Y + i * r * 0.3f, c.X + r * 1.2f, c.Y + i * r * 0.3f + r * 0.15f), fill);
                break;
            default: // leaf: two arcs
                using (var leaf = new SKPathBuilder())
                {
                    leaf.MoveTo(c.X, c.Y - r);
                    leaf.QuadTo(c.X + r * 1.1f, c.Y, c.X, c.Y + r);
                    leaf.QuadTo(c.X - r * 1.1f, c.Y, c.X, c.Y - r);
                    using var path = leaf.Detach();
                    canvas.DrawPath(path, fill);
                }
                using (var vein = new SKPaint { IsAntialias = true, Color = accent, Style = SKPaintStyle.Stroke, StrokeWidth = r * 0.08f })
                    canvas.DrawLine(c.X, c.Y - r * 0.8f, c.X, c.Y + r * 0.9f, vein);
                break;
        }
    }

    private static SKPath Polygon(SKPoint c, float r, int sides, float rotation)
    {
        using var path = new SKPathBuilder();
        for (var i = 0; i < sides; i++)
        {
            var angle = rotation + i * 2 * MathF.PI / sides;
            var point = new SKPoint(c.X + r * MathF.Cos(angle), c.Y + r * MathF.Sin(angle));
            if (i == 0) path.MoveTo(point);
            else path.LineTo(point);
        }
        path.Close();
        return path.Detach();
    }

    private static void DrawText(SKCanvas canvas, string text, SKPoint at, float size, SKColor color)
    {
        using var font = new SKFont(Bold.Value, size);
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawText(text, at.X, at.Y, SKTextAlign.Center, font, paint);
    }
}
