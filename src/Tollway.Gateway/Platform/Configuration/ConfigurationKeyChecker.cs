using System.Collections;
using System.Reflection;

namespace Tollway.Gateway.Platform.Configuration;

/// <summary>
/// Finds configuration keys that bind to nothing. The binder ignores them silently, so a typo such as
/// <c>"baseUrll"</c> would otherwise leave a setting at its default without a word.
/// </summary>
internal static class ConfigurationKeyChecker
{
    /// <summary>Top-level keys that belong to the host rather than to Tollway's options: logging levels, and
    /// <c>TOLLWAY_CONFIG</c> (the config file's path), which the environment source also sees as a key.</summary>
    private static readonly HashSet<string> HostSections = new(StringComparer.OrdinalIgnoreCase) { "Logging", "Config" };

    /// <summary>The keys under <paramref name="configuration"/> that no registered section's options type binds: a top-level
    /// key no area registered, or a key below a section that none of the types bound from it has.</summary>
    public static IEnumerable<string> FindUnknownKeys(IConfiguration configuration, IEnumerable<OptionsSection> sections)
    {
        var typesBySection = sections.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(s => s.OptionsType).ToList(), StringComparer.OrdinalIgnoreCase);
        var unknown = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            if (HostSections.Contains(child.Key))
            {
                continue;
            }

            if (!typesBySection.TryGetValue(child.Key, out var types))
            {
                unknown.Add(child.Path);
            }
            else if (types.Count == 1)
            {
                CheckValue(child, types[0], unknown);
            }
            else
            {
                // A section several areas read: a key is known when one of their types has it.
                foreach (var key in child.GetChildren())
                {
                    Check(key, types, unknown);
                }
            }
        }

        return unknown;
    }

    private static void Check(IConfigurationSection section, IReadOnlyList<Type> ownerTypes, List<string> unknown)
    {
        var property = ownerTypes
            .Select(type => type.GetProperty(section.Key, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase))
            .FirstOrDefault(p => p is { CanWrite: true });
        if (property is null)
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
                Check(child, [type], unknown);
            }
        }
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(TimeSpan)
            || underlying == typeof(decimal) || underlying == typeof(Uri) || underlying == typeof(DateTimeOffset);
    }

    /// <summary>The value type of a dictionary, a type derived from one (<c>ProvidersOptions</c>) included.</summary>
    private static Type? DictionaryValueType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>))?.GetGenericArguments()[1];

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
    }
}
