using System.Security.Cryptography;

namespace Marketplace.Previews;

/// <summary>One encoded preview, ready to store under <see cref="BlobName"/> (its content hash).</summary>
public sealed record RenderedPreview(string Size, int Width, int Height, string Format, string ContentType, byte[] Bytes)
{
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(Bytes));
    public string BlobName => $"{Sha256}.{(Format == "webp" ? "webp" : "jpg")}";
}

/// <summary>All previews of one image and its upright size.</summary>
public sealed record RenderedPreviews(int OriginalWidth, int OriginalHeight, IReadOnlyList<RenderedPreview> Images);
