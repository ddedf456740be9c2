using Marketplace.Contracts.Previews;

namespace Marketplace.Previews;

/// <summary>
/// One preview width. Images fit inside <see cref="Width"/> × 2·<see cref="Width"/> (tall artwork stays
/// bounded) and are never enlarged.
/// </summary>
public sealed record PreviewProfile(string Size, int Width, int Quality)
{
    public int MaxHeight => Width * 2;

    /// <summary>
    /// grid 160 (gallery thumbnails), phone 480, desktop 960 for <c>srcset</c>; lite 240 at low quality for
    /// slow phones (a few KB). The largest comes first: it is decoded once and the rest are shrunk from it.
    /// </summary>
    public static readonly IReadOnlyList<PreviewProfile> All =
    [
        new(PreviewSizes.Desktop, 960, 80),
        new(PreviewSizes.Phone, 480, 78),
        new(PreviewSizes.Lite, 240, 40),
        new(PreviewSizes.Grid, 160, 75),
    ];
}
