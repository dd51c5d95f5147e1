using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Usage;

/// <summary>Writes money as exact JSON numbers in USD (never through a binary float).</summary>
internal static class UsageJson
{
    public static void WriteUsd(Utf8JsonWriter writer, string name, long nanos)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(UsdAmount.FormatUsd(nanos), skipInputValidation: true);
    }

    public static void WriteUsdOrNull(Utf8JsonWriter writer, string name, long? nanos)
    {
        if (nanos is { } value)
        {
            WriteUsd(writer, name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static void WriteIntOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
