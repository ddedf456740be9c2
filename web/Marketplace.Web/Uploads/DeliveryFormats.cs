using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Uploads;

/// <summary>
/// The wrap-up's format rule asked before any file is stored: a delivery whose file names already leave out a format
/// of the brief, with no note saying why, is refused here so it leaves nothing behind. The wrap-up checks again,
/// content included (see <see cref="FormatChecklist"/>).
/// </summary>
public static class DeliveryFormats
{
    public static void RequireBeforeStoring(WrapUpView wrapUp, IEnumerable<IFormFile> files, string? note)
    {
        if (string.IsNullOrWhiteSpace(note)
            && FormatChecklist.Of(wrapUp.DeliverableFormats, files.Select(f => (Path.GetFileName(f.FileName), (string?)null))).RefusalWithoutNote() is { } refusal)
        {
            throw MarketplaceException.Invalid(refusal);
        }
    }
}
