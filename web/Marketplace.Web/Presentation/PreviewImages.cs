using System.Text.Encodings.Web;
using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Builds &lt;img&gt; tags from a preview manifest. Phones get the lite size (a few KB) in the gallery and the phone
/// size on an entry's own page; wider screens get sharper sizes through <c>srcset</c>. Images below the fold are lazy.
/// Entry previews come from the public <see cref="Route"/>; a handover's previews (finals, copies staff sent, dispute
/// evidence) only from checked routes (<see cref="HandoverPreviewLinks"/>, <see cref="EvidenceLinks"/>), passed as <c>url</c>.
/// </summary>
public static class PreviewImages
{
    /// <summary>The public route: entry previews only (a handover preview's name answers 404 there).</summary>
    public const string Route = "/files/previews/";

    /// <summary>An entry preview's public address.</summary>
    public static string Url(PreviewImage image) => Route + image.BlobName;

    /// <summary>
    /// A gallery thumbnail: lite on a 360 px phone (two columns), phone size on desktop and 2× phones; only lite when the
    /// browser asks to <paramref name="saveData"/> (<see cref="SaveData"/>).
    /// </summary>
    public static IHtmlContent Thumbnail(PreviewManifest? previews, string alt, bool eager, bool saveData = false) =>
        Tag(previews, alt, eager, saveData ? [PreviewSizes.Lite] : [PreviewSizes.Lite, PreviewSizes.Phone], PreviewSizes.Lite,
            "(max-width: 599px) 46vw, 260px");

    /// <summary>
    /// One entry on its own page, filling its column (site.css <c>.entry-view</c>): the page width less its 1rem margins
    /// on phones and tablets; from 60rem, three fifths of it less the 1rem gap; from 72rem (the page's widest) a fixed
    /// 41.4rem (662 px). So a phone gets the phone size and a laptop the desktop size; with <paramref name="saveData"/>,
    /// the phone size alone.
    /// </summary>
    public static IHtmlContent Large(PreviewManifest? previews, string alt, bool saveData = false) =>
        Tag(previews, alt, eager: true, saveData ? [PreviewSizes.Phone] : [PreviewSizes.Phone, PreviewSizes.Desktop], PreviewSizes.Phone,
            "(min-width: 72rem) 41.4rem, (min-width: 60rem) calc(60vw - 1.8rem), calc(100vw - 2rem)");

    /// <summary>One version of an entry beside its creative's note (the entry page's "Versions"): a lazy 72 px square.</summary>
    public static IHtmlContent Version(PreviewManifest? previews, string alt) =>
        Tag(previews, alt, eager: false, [PreviewSizes.Grid, PreviewSizes.Lite], PreviewSizes.Grid, "72px");

    /// <summary>
    /// A file judged on its own (a handover's final, dispute evidence): the full column width, from the lite size on a
    /// small phone up to the desktop size on a wide screen, from the checked route <paramref name="url"/>. Only the first
    /// on a page is <paramref name="eager"/>; the rest load as they scroll in. With <paramref name="saveData"/>, no desktop size.
    /// </summary>
    public static IHtmlContent Full(PreviewManifest? previews, string alt, Func<PreviewImage, string> url, bool eager = false, bool saveData = false) =>
        Tag(previews, alt, eager, saveData ? [PreviewSizes.Lite, PreviewSizes.Phone] : [PreviewSizes.Lite, PreviewSizes.Phone, PreviewSizes.Desktop], PreviewSizes.Phone,
            "(max-width: 831px) 92vw, 46rem", url);

    /// <summary>
    /// The <paramref name="index"/>th copy staff sent the buyer, phone-light and lazy: the sent (phone) size, plus the
    /// final's own lite size in <c>srcset</c> for small screens while that final is still in the latest delivery. Both
    /// from the handover's checked routes.
    /// </summary>
    public static IHtmlContent Sent(string wrapUpId, int index, SentPreview sent, IReadOnlyList<FinalFile> finals)
    {
        var candidates = new List<(PreviewImage Image, string Url)> { (sent.Image, HandoverPreviewLinks.Sent(wrapUpId, index)) };
        var from = finals.Select((f, i) => (Final: f, Index: i)).FirstOrDefault(x => x.Final.Preview?.Images.Any(img => img.BlobName == sent.Image.BlobName) == true);
        if (from.Final?.Preview?.Find(PreviewSizes.Lite) is { } lite)
        {
            candidates.Add((lite, HandoverPreviewLinks.Final(wrapUpId, from.Index, lite)));
        }

        var encoder = HtmlEncoder.Default;
        var srcset = string.Join(", ", candidates.DistinctBy(c => c.Image.Width).OrderBy(c => c.Image.Width).Select(c => $"{c.Url} {c.Image.Width}w"));
        return new HtmlString(
            $"<img src=\"{encoder.Encode(candidates[0].Url)}\" srcset=\"{encoder.Encode(srcset)}\" sizes=\"(max-width: 599px) 92vw, 420px\" " +
            $"width=\"{sent.Image.Width}\" height=\"{sent.Image.Height}\" alt=\"Low-resolution preview of {encoder.Encode(sent.FileName)}\" loading=\"lazy\" decoding=\"async\">");
    }

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
