using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;

namespace Marketplace.Storage.GrainState;

/// <summary>System.Text.Json contract tweaks so that Orleans-serializable state round-trips through JSON.</summary>
public static class OrleansStateJsonModifiers
{
    private const BindingFlags InstanceMembers = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private static readonly ConcurrentDictionary<Type, Type[]> SubtypesByBase = new();

    /// <summary>
    /// Orleans serializes every member carrying <c>[Id]</c>, whatever its visibility; JSON would skip private
    /// ones and get-only ones (<c>{ get; }</c>, private setters). Adds or completes those members so they are
    /// written and read back.
    /// </summary>
    public static void IncludeIdMembers(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || !IsOrleansSerializable(typeInfo.Type))
        {
            return;
        }

        for (var type = typeInfo.Type; type is not null && type != typeof(object); type = type.BaseType)
        {
            foreach (var member in type.GetMembers(InstanceMembers).Where(m => m.IsDefined(typeof(IdAttribute), inherit: false)))
            {
                IncludeMember(typeInfo, member);
            }
        }
    }

    /// <summary>
    /// A property declared as a <c>[GenerateSerializer]</c> base type (say, a journal of event records) may
    /// hold any of its subtypes; JSON records which one under <c>$type</c>. Subtypes are looked up in the base
    /// type's assembly and named by their Orleans <c>[Alias]</c> when they have one.
    /// </summary>
    public static void AddGeneratedSubtypes(JsonTypeInfo typeInfo)
    {
        var type = typeInfo.Type;
        if (typeInfo.Kind != JsonTypeInfoKind.Object || type.IsSealed || type.IsValueType || !IsOrleansSerializable(type))
        {
            return;
        }

        var subtypes = SubtypesByBase.GetOrAdd(type, FindSerializableSubtypes);
        if (subtypes.Length == 0)
        {
            return;
        }

        typeInfo.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$type" };
        foreach (var subtype in subtypes)
        {
            typeInfo.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(subtype, DiscriminatorOf(subtype)));
        }
    }

    private static void IncludeMember(JsonTypeInfo typeInfo, MemberInfo member)
    {
        var (memberType, getter, setter) = member switch
        {
            FieldInfo field => (field.FieldType, (Func<object, object?>)field.GetValue, (Action<object, object?>?)field.SetValue),
            PropertyInfo property => (property.PropertyType, property.GetValue, SetterOf(property)),
            _ => default,
        };
        if (getter is null || (member is PropertyInfo indexed && indexed.GetIndexParameters().Length > 0))
        {
            return;
        }

        var existing = typeInfo.Properties.FirstOrDefault(p => p.AttributeProvider is MemberInfo m && m.Name == member.Name && m.DeclaringType == member.DeclaringType);
        if (existing is not null)
        {
            existing.Set ??= setter;
            return;
        }

        var added = typeInfo.CreateJsonPropertyInfo(memberType, member.Name);
        added.Get = getter;
        added.Set = setter;
        typeInfo.Properties.Add(added);
    }

    /// <summary>A property's own setter, even private, or the compiler's backing field of a get-only auto-property.</summary>
    private static Action<object, object?>? SetterOf(PropertyInfo property)
    {
        if (property.SetMethod is not null)
        {
            return property.SetValue;
        }

        var backingField = property.DeclaringType!.GetField($"<{property.Name}>k__BackingField", InstanceMembers);
        return backingField is null ? null : backingField.SetValue;
    }

    private static Type[] FindSerializableSubtypes(Type baseType)
    {
        Type[] candidates;
        try
        {
            candidates = baseType.Assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            candidates = [.. e.Types.OfType<Type>()];
        }

        return [.. candidates.Where(t => t != baseType && !t.IsAbstract && !t.IsGenericTypeDefinition && baseType.IsAssignableFrom(t) && IsOrleansSerializable(t))];
    }

    private static string DiscriminatorOf(Type type) =>
        type.GetCustomAttribute<AliasAttribute>()?.Alias ?? type.FullName ?? type.Name;

    private static bool IsOrleansSerializable(Type type) => type.IsDefined(typeof(GenerateSerializerAttribute), inherit: false);
}
