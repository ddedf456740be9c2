namespace Marketplace.Contracts.Previews;

/// <summary>Why an upload was refused. The web maps every code to 400 (413 for <see cref="TooLarge"/>).</summary>
public enum UploadRefusalCode
{
    /// <summary>The staged upload is gone (expired or never written): upload again.</summary>
    NotFound,
    Empty,
    TooLarge,
    /// <summary>The bytes are not one of the allowed formats, whatever the file name says.</summary>
    UnsupportedFormat,
    DimensionsTooLarge,
    TooManyPixels,
    TooManyFrames,
    /// <summary>Corrupt or truncated data (bad CRC, missing image data, cut-off file).</summary>
    Damaged,
    /// <summary>More files in one upload than allowed (or none).</summary>
    TooManyFiles,
    /// <summary>The name claims a format its bytes are not ("logo.png" that is a JPEG); only formats known by their first bytes.</summary>
    NameContradictsContent,
}

/// <summary>
/// A refused upload. <see cref="Message"/> is written for the creative and says what to do
/// ("This PNG is damaged (bad CRC in the IHDR chunk); export it again."). Nothing was stored.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UploadRefusal(
    [property: Id(0)] UploadRefusalCode Code,
    [property: Id(1)] string Message);
