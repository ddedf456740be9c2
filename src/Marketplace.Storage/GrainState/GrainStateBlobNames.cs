using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Storage.GrainState;

/// <summary>
/// Names the blob holding one grain state: <c>{state}/{grain type}/{grain key}.json</c>, escaped so that
/// any key (slashes, unicode, spaces) is a valid blob name. Keys too long for a blob name (1,024 characters)
/// are replaced by their SHA-256, keeping the name stable and unique.
/// </summary>
public static class GrainStateBlobNames
{
    private const int MaxKeyLength = 600;

    public static string For(string stateName, GrainId grainId)
    {
        var key = Uri.EscapeDataString(grainId.Key.ToString()!);
        if (key.Length > MaxKeyLength)
        {
            key = "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(grainId.Key.ToString()!)));
        }

        return $"{Uri.EscapeDataString(stateName)}/{Uri.EscapeDataString(grainId.Type.ToString()!)}/{key}.json";
    }
}
