using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Web.Accounts;

/// <summary>The data export as people read it: indented, camelCase, states and roles in words rather than numbers.</summary>
public static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
