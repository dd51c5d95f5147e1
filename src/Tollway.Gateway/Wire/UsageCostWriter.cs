using System.Text.Json;

namespace Tollway.Gateway.Wire;

/// <summary>
/// Adds what a request cost to its <c>usage</c> object, the way OpenRouter reports it: <c>"cost"</c> in USD and
/// <c>"cost_details"</c> with the provider's part and the markup. The bytes are spliced in before the object's closing
/// brace; everything else stays as the provider sent it.
/// </summary>
internal static class UsageCostWriter
{
    /// <summary>The JSON with the cost added, or <see langword="null"/> when it has no usage object.</summary>
    public static byte[]? Inject(ReadOnlySpan<byte> json, UsageCost cost) =>
        Insertion(json, cost) is { } insertion ? JsonInsertions.Apply(json, insertion) : null;

    /// <summary>Where the cost goes (before the usage object's closing brace) and its bytes; <see langword="null"/> without usage.</summary>
    public static JsonInsertion? Insertion(ReadOnlySpan<byte> json, UsageCost cost)
    {
        var end = UsageObjectEnd(json, out var empty);
        return end < 0 ? null : new JsonInsertion(end, Fields(cost, leadingComma: !empty));
    }

    /// <summary>The members to add, written as UTF-8 in one pass: this runs once per request served.</summary>
    private static byte[] Fields(UsageCost cost, bool leadingComma)
    {
        Span<byte> json = stackalloc byte[192];
        var written = 0;
        if (leadingComma)
        {
            json[written++] = (byte)',';
        }

        written += Append(json[written..], "\"cost\":"u8);
        written += UsdAmount.FormatUsd(cost.Total, json[written..]);
        if (cost.Estimated)
        {
            written += Append(json[written..], ",\"is_estimated\":true"u8);
        }

        written += Append(json[written..], ",\"cost_details\":{\"upstream_inference_cost\":"u8);
        written += UsdAmount.FormatUsd(cost.ProviderCost, json[written..]);
        written += Append(json[written..], ",\"markup\":"u8);
        written += UsdAmount.FormatUsd(cost.Markup, json[written..]);
        json[written++] = (byte)'}';
        return json[..written].ToArray();
    }

    private static int Append(Span<byte> destination, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>The offset of the top-level <c>usage</c> object's closing brace, or -1.</summary>
    private static int UsageObjectEnd(ReadOnlySpan<byte> json, out bool empty)
    {
        empty = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return -1;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    var start = reader.TokenStartIndex;
                    reader.Skip();
                    empty = reader.TokenStartIndex == start + 1;
                    return (int)reader.TokenStartIndex;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // No usable usage object.
        }

        return -1;
    }
}
