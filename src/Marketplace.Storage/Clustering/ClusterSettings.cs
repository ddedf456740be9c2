using System.Net;
using Marketplace.Contracts;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Storage.Clustering;

/// <summary>How silos find each other and clients find the silos (<c>Orleans:Membership</c>).</summary>
public enum ClusteringMode
{
    /// <summary>One silo on this machine, at fixed localhost ports: what <c>./run.sh</c> uses.</summary>
    Localhost,

    /// <summary>Any number of silos on any machines, listed in a membership table in the storage account.</summary>
    AzureStorage,
}

/// <summary>
/// The <c>Orleans</c> section, read one way by the silo and the web: which membership, the ids, and (silos only) the ports
/// and the address other silos and clients reach this silo at.
/// </summary>
public sealed record ClusterSettings(
    ClusteringMode Membership,
    string ServiceId,
    string ClusterId,
    int SiloPort,
    int GatewayPort,
    IPAddress? AdvertisedIPAddress)
{
    public const string Section = "Orleans";

    /// <summary>
    /// Not <c>Orleans:Clustering</c>: Orleans 10 reads that section itself (its own provider configuration) and refuses to
    /// start when it holds a plain word.
    /// </summary>
    public const string MembershipKey = "Membership";

    /// <summary>
    /// Fixed: reminders and the membership table are filed under the service id, so a silo started with another one would
    /// find neither.
    /// </summary>
    public const string DefaultServiceId = "marketplace";

    /// <summary>Reads the section, refusing a value that would otherwise start a silo nobody can reach.</summary>
    public static ClusterSettings From(IConfiguration configuration)
    {
        var orleans = configuration.GetSection(Section);
        return new ClusterSettings(
            ModeOf(orleans),
            orleans.GetValue("ServiceId", DefaultServiceId)!,
            orleans.GetValue("ClusterId", DefaultServiceId)!,
            Port(orleans, "SiloPort", 11111),
            Port(orleans, "GatewayPort", 30000),
            AddressOf(orleans["AdvertisedIPAddress"]));
    }

    /// <summary>The storage account everything else lives in: the membership table goes there too.</summary>
    public static string StorageConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(StorageNames.ConnectionStringName) ?? StorageNames.DevelopmentConnectionString;

    private static ClusteringMode ModeOf(IConfigurationSection orleans)
    {
        if (orleans["Clustering"] is { Length: > 0 } word)
            throw new InvalidOperationException(
                $"{Section}:Clustering is \"{word}\", but Orleans reads that setting itself and cannot start with it. Remove it and set " +
                $"{Section}:{MembershipKey} instead: \"{nameof(ClusteringMode.Localhost)}\" or \"{nameof(ClusteringMode.AzureStorage)}\".");
        var value = orleans[MembershipKey];
        if (string.IsNullOrWhiteSpace(value)) return ClusteringMode.Localhost;
        // Enum.TryParse also takes "1" or "Localhost,AzureStorage"; only the names are meant.
        if (Enum.GetNames<ClusteringMode>().FirstOrDefault(name => name.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
            return Enum.Parse<ClusteringMode>(known);
        throw new InvalidOperationException(
            $"{Section}:{MembershipKey} is \"{value}\", which is not a membership this marketplace knows. Use \"{nameof(ClusteringMode.Localhost)}\" " +
            $"(one silo on this machine, the default) or \"{nameof(ClusteringMode.AzureStorage)}\" (silos on several machines sharing " +
            $"the storage account in ConnectionStrings:{StorageNames.ConnectionStringName}).");
    }

    private static int Port(IConfigurationSection orleans, string key, int fallback)
    {
        var value = orleans[key];
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        return int.TryParse(value, out var port) && port is > 0 and <= 65535
            ? port
            : throw new InvalidOperationException($"{Section}:{key} is \"{value}\"; it must be a port number from 1 to 65535.");
    }

    private static IPAddress? AddressOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException(
                $"{Section}:AdvertisedIPAddress is \"{value}\"; it must be an IP address (such as 10.0.0.5) that the other silos and the web servers can reach.");
    }
}
