using Marketplace.Contracts.Previews;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Files attached to a dispute (<see cref="Filed"/>) or to its answer (<see cref="Answer"/>), as links only the two
/// parties and staff can follow: <c>/wrapups/{projectId}/{attempt}/evidence/{part}/{index}</c>, and their previews
/// behind the same check (<c>…/{index}/preview/{size}</c>): evidence may show private things, unlike a gallery.
/// </summary>
public sealed record EvidenceLinks(string WrapUpId, string Part, IReadOnlyList<FinalFile> Files) : PrivateFileLinks(Files)
{
    public const string Filed = "dispute";
    public const string Answer = "answer";

    public override string Url(int index) => $"/wrapups/{WrapUpId}/evidence/{Part}/{index}";

    public override string PreviewUrl(int index, PreviewImage image) => $"{Url(index)}/preview/{image.Size}";
}
