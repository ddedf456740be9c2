using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Marketplace.Storage.GrainState;

/// <summary>
/// Grain state as readable JSON (System.Text.Json). Orleans state types are written for the Orleans
/// serializer, so <see cref="OrleansStateJsonModifiers"/> makes JSON see what Orleans sees: members marked
/// <c>[Id]</c> even when private or get-only, and subtypes of a <c>[GenerateSerializer]</c> base.
/// </summary>
public sealed class JsonGrainStateSerializer(JsonSerializerOptions options) : IGrainStorageSerializer
{
    public JsonGrainStateSerializer() : this(CreateOptions())
    {
    }

    public static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(OrleansStateJsonModifiers.IncludeIdMembers);
        resolver.Modifiers.Add(OrleansStateJsonModifiers.AddGeneratedSubtypes);
        return new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            TypeInfoResolver = resolver,
            IncludeFields = true,
            AllowOutOfOrderMetadataProperties = true,
            Converters = { new JsonStringEnumConverter() },
        };
    }

    public BinaryData Serialize<T>(T? input) => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(input, options));

    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, options)!;
}
