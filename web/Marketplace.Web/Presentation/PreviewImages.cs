using System.Text.Encodings.Web;
using Marketplace.Contracts.Previews;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Builds &lt;img&gt; tags from a preview manifest. Phones get the lite size (a few KB) in the gallery and the phone
/// size on an entry's own page; wider screens get sharper sizes through <c>srcset</c>. Images below the fold are lazy.
/// </summary>
public static class PreviewImages
{
    public const string Route = "/files/previews/";

    public static string Url(PreviewImage image) => Route + image.BlobName;

    /// <summary>A gallery thumbnail: lite on a 360 px phone (two columns), phone size on desktop.</summary>
    public static IHtmlContent Thumbnail(PreviewManifest? previews, string alt, bool eager) =>
        Tag(previews, alt, eager, [PreviewSizes.Lite, PreviewSizes.Phone], PreviewSizes.Lite,
            "(max-width: 599px) 46vw, 260px");

    /// <summary>One entry on its own page: the phone size on phones, desktop size on large screens.</summary>
    public static IHtmlContent Large(PreviewManifest? previews, string alt) =>
        Tag(previews, alt, eager: true, [PreviewSizes.Phone, PreviewSizes.Desktop], PreviewSizes.Phone,
            "(max-width: 959px) 100vw, 560px");

    /// <summary>A small square for file lists; <paramref name="url"/> serves the images from a checked route instead of the public one.</summary>
    public static IHtmlContent Small(PreviewManifest? previews, string alt, Func<PreviewImage, string>? url = null) =>
        Tag(previews, alt, eager: false, [PreviewSizes.Grid, PreviewSizes.Lite], PreviewSizes.Grid, "72px", url);

    private static IHtmlContent Tag(PreviewManifest? previews, string alt, bool eager, string[] sizes, string fallback, string sizesAttr, Func<PreviewImage, string>? url = null)
    {
        var urlOf = url ?? Url;
        var encoder = HtmlEncoder.Default;
        var candidates = previews is null ? [] : sizes.Select(previews.Find).OfType<PreviewImage>().DistinctBy(i => i.Width).OrderBy(i => i.Width).ToList();
        var main = previews?.Find(fallback) ?? candidates.FirstOrDefault();
        if (main is null)
            return new HtmlString($"<span class=\"no-preview\" role=\"img\" aria-label=\"{encoder.Encode(alt)}\">Preview on its way</span>");

        var srcset = string.Join(", ", candidates.Select(i => $"{urlOf(i)} {i.Width}w"));
        return new HtmlString(
            $"<img src=\"{encoder.Encode(urlOf(main))}\" srcset=\"{encoder.Encode(srcset)}\" sizes=\"{sizesAttr}\" " +
            $"width=\"{main.Width}\" height=\"{main.Height}\" alt=\"{encoder.Encode(alt)}\" " +
            (eager ? "fetchpriority=\"high\"" : "loading=\"lazy\"") + " decoding=\"async\">");
    }
}
