using System.Text;
using System.Text.Json;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Money;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Adds what a request cost to its <c>usage</c> object, the way OpenRouter reports it: <c>"cost"</c> in USD and
/// <c>"cost_details"</c> with the provider's part and the markup. The bytes are spliced in before the object's closing
/// brace; everything else stays as the provider sent it.
/// </summary>
internal static class UsageCostWriter
{
    /// <summary>The JSON with the cost added, or <see langword="null"/> when it has no usage object.</summary>
    public static byte[]? Inject(ReadOnlySpan<byte> json, ChargeRecord charge) =>
        Insertion(json, charge) is { } insertion ? JsonInsertions.Apply(json, insertion) : null;

    /// <summary>Where the cost goes (before the usage object's closing brace) and its bytes; <see langword="null"/> without usage.</summary>
    public static JsonInsertion? Insertion(ReadOnlySpan<byte> json, ChargeRecord charge)
    {
        var end = UsageObjectEnd(json, out var empty);
        return end < 0 ? null : new JsonInsertion(end, Encoding.UTF8.GetBytes(Fields(charge, leadingComma: !empty)));
    }

    private static string Fields(ChargeRecord charge, bool leadingComma) =>
        (leadingComma ? "," : "")
        + $"\"cost\":{UsdAmount.FormatUsd(charge.Total)},"
        + (charge.Estimated ? "\"is_estimated\":true," : "")
        + $"\"cost_details\":{{\"upstream_inference_cost\":{UsdAmount.FormatUsd(charge.ProviderCost)},\"markup\":{UsdAmount.FormatUsd(charge.Markup)}}}";

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
