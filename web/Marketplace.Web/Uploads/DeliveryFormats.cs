using Marketplace.Contracts;
using Marketplace.Contracts.WrapUps;

namespace Marketplace.Web.Uploads;

/// <summary>
/// The wrap-up's format rule asked before any file is stored: a delivery whose file names already leave out a format
/// of the brief, with no note saying why, is refused here so it leaves nothing behind. The wrap-up checks again,
/// content included (see <see cref="FormatChecklist"/>), and alone when a zip is among the files, since what it holds
/// may meet the missing formats.
/// </summary>
public static class DeliveryFormats
{
    public static void RequireBeforeStoring(WrapUpView wrapUp, IEnumerable<IFormFile> files, string? note)
    {
        // What a zip holds is read once it is stored, so a delivery with one is left to the wrap-up's own check.
        var named = files.Select(f => Path.GetFileName(f.FileName)).ToArray();
        if (string.IsNullOrWhiteSpace(note)
            && !named.Any(name => name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            && FormatChecklist.Of(wrapUp.DeliverableFormats, named.Select(name => (name, (string?)null))).RefusalWithoutNote() is { } refusal)
        {
            throw MarketplaceException.Invalid(refusal);
        }
    }
}
