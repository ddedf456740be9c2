using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Files of a handover judged by looking at them (the model of the <c>_PrivateFiles</c> partial): each as a large
/// preview with its name, format and size, the file and its previews served only by checked routes that let the two
/// parties and staff in, never the public preview route.
/// </summary>
public abstract record PrivateFileLinks(IReadOnlyList<FinalFile> Files)
{
    /// <summary>The file itself (a download).</summary>
    public abstract string Url(int index);

    /// <summary>One of its preview images.</summary>
    public abstract string PreviewUrl(int index, PreviewImage image);
}

/// <summary>
/// The latest delivery's finals, as staff check them: <c>/wrapups/{projectId}/{attempt}/files/{index}</c> and the
/// previews at <see cref="HandoverPreviewLinks.Final"/>.
/// </summary>
public sealed record FinalFileLinks(string WrapUpId, IReadOnlyList<FinalFile> Files) : PrivateFileLinks(Files)
{
    public override string Url(int index) => $"/wrapups/{WrapUpId}/files/{index}";

    public override string PreviewUrl(int index, PreviewImage image) => HandoverPreviewLinks.Final(WrapUpId, index, image);
}
