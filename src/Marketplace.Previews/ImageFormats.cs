namespace Marketplace.Previews;

/// <summary>The image formats an entry may be. Decided from the bytes only.</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
}

/// <summary>The allowed image formats, as rows of the one signature table (<see cref="KnownFormats"/>).</summary>
public static class ImageFormats
{
    private static readonly IReadOnlyList<KnownFormat> Allowed = [.. KnownFormats.All.Where(f => f.Image is not null)];

    /// <summary>"JPEG, PNG, WebP or GIF", for the message refusing anything else.</summary>
    public static readonly string AllowedNames = string.Join(", ", Allowed.Select(f => f.Name).SkipLast(1)) + " or " + Allowed[^1].Name;

    public static ImageFormat? Detect(ReadOnlySpan<byte> head) => KnownFormats.Identify(head)?.Image;

    /// <summary>The allowed format of the file at <paramref name="path"/>, from its first bytes.</summary>
    public static ImageFormat? DetectFile(string path) => Detect(KnownFormats.ReadHead(path));

    public static string DisplayName(this ImageFormat format) => Row(format).Name;

    public static string Extension(this ImageFormat format) => Row(format).Extension!;

    public static string ContentType(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        ImageFormat.WebP => "image/webp",
        _ => "image/gif",
    };

    /// <summary>
    /// A PNG whose 8-byte signature was mangled (sent in text mode, a flipped bit) still shows "PNG" or its
    /// IHDR chunk near the start: worth telling the creative it is a damaged PNG rather than "not an image".
    /// </summary>
    public static bool LooksLikeDamagedPng(ReadOnlySpan<byte> head) =>
        head.Length >= 8 && (head[1..4].SequenceEqual("PNG"u8) || head[1..4].SequenceEqual("PNg"u8) || head.IndexOf("IHDR"u8) is >= 8 and <= 16);

    private static KnownFormat Row(ImageFormat format) => Allowed.Single(f => f.Image == format);
}
