using Marketplace.Contracts.Previews;

namespace Marketplace.Web.Presentation;

/// <summary>
/// Addresses of a handover's previews, served only to whoever may see the handover (the two parties and staff) and
/// cached by their browser alone: a delivered final's (<c>/wrapups/{projectId}/{attempt}/files/{index}/preview/{size}</c>,
/// index into the latest delivery) and a copy staff sent the buyer (<c>…/sent-previews/{index}</c>, in the order sent).
/// Dispute evidence has its own (<see cref="EvidenceLinks"/>). Never the public <see cref="PreviewImages.Route"/>: a final
/// design before payment is no more public than the handover.
/// </summary>
public static class HandoverPreviewLinks
{
    public static string Final(string wrapUpId, int index, PreviewImage image) => $"/wrapups/{wrapUpId}/files/{index}/preview/{image.Size}";

    public static string Sent(string wrapUpId, int index) => $"/wrapups/{wrapUpId}/sent-previews/{index}";
}
