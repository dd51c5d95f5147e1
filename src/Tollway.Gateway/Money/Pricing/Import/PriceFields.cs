using System.Text.Json;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>Reads the price and limit fields of a price file entry as exact decimal text, whether written as strings or numbers.</summary>
internal static class PriceFields
{
    /// <summary>USD per token → nano-USD per million tokens: 10^9 × 10^6.</summary>
    public const int PerTokenScale = 15;

    /// <summary>USD → nano-USD.</summary>
    public const int PerRequestScale = 9;

    /// <summary>The field's decimal text: a string's value or a number's literal (<c>1e-06</c> stays as written);
    /// <see langword="null"/> when absent or JSON null.</summary>
    public static string? Text(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.Null => null,
                _ => "(" + value.ValueKind.ToString().ToLowerInvariant() + ")",
            }
            : null;

    /// <summary>A positive whole number field (a context length), or <see langword="null"/>.</summary>
    public static int? Tokens(JsonElement owner, string name) =>
        owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt32(out var tokens) && tokens > 0
            ? tokens
            : null;

    /// <summary>Scales one price; on failure says why in words that name the field.</summary>
    public static long? Scale(string field, string? text, int scale, ref string? problem)
    {
        if (text is null || problem is not null)
        {
            return null;
        }

        switch (DecimalText.TryScale(text, scale, out var value))
        {
            case DecimalText.Outcome.Ok:
                return value;
            case DecimalText.Outcome.Negative:
                problem = $"{field} is negative ('{text}'): a price that varies cannot be billed ahead";
                return null;
            case DecimalText.Outcome.TooPrecise:
                problem = $"{field} '{text}' is finer than a nano-dollar per million tokens";
                return null;
            case DecimalText.Outcome.TooLarge:
                problem = $"{field} '{text}' is too large";
                return null;
            default:
                problem = $"{field} '{text}' is not a decimal number";
                return null;
        }
    }
}
