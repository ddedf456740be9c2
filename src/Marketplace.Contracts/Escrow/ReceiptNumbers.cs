using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Contracts.Escrow;

/// <summary>
/// Receipt numbers: "MP-7F3A-09C2-B1D4-5E88", derived from the project and the escrow movement's operation id. The same
/// movement always gets the same number (a reprint matches the copy filed), and 64 bits of SHA-256 keep numbers of
/// different movements apart without a counter shared by every escrow.
/// </summary>
public static class ReceiptNumbers
{
    public static string For(string projectId, string operationId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"receipt/{projectId}/{operationId}"));
        var hex = Convert.ToHexString(hash, 0, 8);
        return $"MP-{hex[..4]}-{hex[4..8]}-{hex[8..12]}-{hex[12..16]}";
    }
}
