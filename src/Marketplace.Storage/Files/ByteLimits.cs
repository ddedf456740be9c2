using System.Globalization;

namespace Marketplace.Storage.Files;

/// <summary>Byte counts written the way people read them in an error message.</summary>
public static class ByteLimits
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024d * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024d:0.#} KB"),
        _ => $"{bytes} bytes",
    };
}
