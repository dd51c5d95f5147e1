using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Routing;

/// <summary>Reads the <c>provider</c> object and the <c>models</c> list of a request, refusing what it cannot honour.</summary>
internal static class ProviderPreferencesReader
{
    /// <summary>The most names a list (<c>models</c>, <c>provider.order</c>, <c>only</c>, <c>ignore</c>) may hold.</summary>
    public const int MaxListLength = 64;

    /// <summary>The preferences, or the message that says which member is wrong.</summary>
    public static (ProviderPreferences? Preferences, string? Error) Read(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            var preferences = new ProviderPreferences();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                switch (name)
                {
                    case "order": preferences = preferences with { Order = Strings(ref reader, name) }; break;
                    case "only": preferences = preferences with { Only = Strings(ref reader, name) }; break;
                    case "ignore": preferences = preferences with { Ignore = Strings(ref reader, name) }; break;
                    case "allow_fallbacks": preferences = preferences with { AllowFallbacks = Boolean(ref reader, name, true) }; break;
                    case "require_parameters": preferences = preferences with { RequireParameters = Boolean(ref reader, name, false) }; break;
                    case "zdr": preferences = preferences with { ZeroDataRetention = Boolean(ref reader, name, false) }; break;
                    case "data_collection":
                        var policy = reader.TokenType == JsonTokenType.Null ? "allow" : reader.GetString();
                        preferences = policy switch
                        {
                            "allow" => preferences,
                            "deny" => preferences with { DenyDataCollection = true },
                            _ => throw new FormatException("'provider.data_collection' must be 'allow' or 'deny'."),
                        };
                        break;
                    case "sort":
                        var sort = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                        preferences = sort is null or "price" or "latency" or "throughput"
                            ? preferences with { Sort = sort }
                            : throw new FormatException("'provider.sort' must be 'price', 'latency' or 'throughput'.");
                        break;
                    case "max_price":
                        preferences = ReadMaxPrice(ref reader, preferences);
                        break;
                    default:
                        // Members Tollway does not act on (quantizations, experimental ones) are tolerated, as OpenRouter does.
                        reader.Skip();
                        break;
                }
            }

            return (preferences, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return (null, ex is FormatException ? ex.Message : "'provider' is not a valid object.");
        }
    }

    /// <summary>The model ids of a <c>models</c> array, or the message that says what is wrong with it.</summary>
    public static (IReadOnlyList<string>? Models, string? Error) ReadModels(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            return (Strings(ref reader, "models"), null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return (null, ex is FormatException ? ex.Message : "'models' must be an array of model ids.");
        }
    }

    private static ProviderPreferences ReadMaxPrice(ref Utf8JsonReader reader, ProviderPreferences preferences)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new FormatException("'provider.max_price' must be an object with 'prompt' and/or 'completion' in USD per million tokens.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var text = reader.TokenType switch
            {
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.String => reader.GetString(),
                _ => null,
            };
            if (text is null || !UsdAmount.TryParseNanos(text, out var nanos))
            {
                throw new FormatException($"'provider.max_price.{name}' must be a non-negative USD amount per million tokens.");
            }

            preferences = name switch
            {
                "prompt" => preferences with { MaxPromptPrice = nanos },
                "completion" => preferences with { MaxCompletionPrice = nanos },
                _ => preferences,
            };
        }

        return preferences;
    }

    private static List<string> Strings(ref Utf8JsonReader reader, string name)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new FormatException($"'{name}' must be an array of strings.");
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new FormatException($"'{name}' must be an array of strings.");
            // Each name is looked up against every other one and every endpoint: a list of a million names would keep a
            // core busy for minutes, and no routing choice needs more than a few.
            if (values.Count == MaxListLength || value.Length > CatalogModel.MaxIdLength)
            {
                throw new FormatException($"'{name}' takes at most {MaxListLength} names of at most {CatalogModel.MaxIdLength} characters each.");
            }

            values.Add(value);
        }

        return values;
    }

    private static bool Boolean(ref Utf8JsonReader reader, string name, bool whenNull) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => whenNull,
        _ => throw new FormatException($"'provider.{name}' must be true or false."),
    };
}
