using System.Collections;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Tollway.Gateway.Configuration;

/// <summary>
/// Finds configuration keys that bind to nothing. The binder ignores them silently, so a typo such as
/// <c>"baseUrll"</c> would otherwise leave a setting at its default without a word.
/// </summary>
internal static class ConfigurationKeyChecker
{
    /// <summary>Top-level keys that belong to the host rather than to Tollway's options: logging levels, and
    /// <c>TOLLWAY_CONFIG</c> (the config file's path), which the environment source also sees as a key.</summary>
    private static readonly HashSet<string> HostSections = new(StringComparer.OrdinalIgnoreCase) { "Logging", "Config" };

    public static IEnumerable<string> FindUnknownKeys(IConfiguration configuration, Type optionsType)
    {
        var unknown = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            if (!HostSections.Contains(child.Key))
            {
                Check(child, optionsType, unknown);
            }
        }

        return unknown;
    }

    private static void Check(IConfigurationSection section, Type ownerType, List<string> unknown)
    {
        var property = ownerType.GetProperty(section.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite)
        {
            unknown.Add(section.Path);
            return;
        }

        CheckValue(section, property.PropertyType, unknown);
    }

    private static void CheckValue(IConfigurationSection section, Type type, List<string> unknown)
    {
        if (IsLeaf(type))
        {
            if (section.GetChildren().Any())
            {
                unknown.Add(section.Path + " (expected a single value, found an object)");
            }

            return;
        }

        var elementType = DictionaryValueType(type) ?? ListElementType(type);
        foreach (var child in section.GetChildren())
        {
            if (elementType is not null)
            {
                CheckValue(child, elementType, unknown);
            }
            else
            {
                Check(child, type, unknown);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(TimeSpan)
            || underlying == typeof(decimal) || underlying == typeof(Uri) || underlying == typeof(DateTimeOffset);
    }

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
    }
}
