using System.Globalization;
using System.Text.Json;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>Reads <c>{"error":{"message","type","code","param"}}</c> (or a bare <c>{"message"}</c>) from a provider's error
/// body; a type, code or param longer than <see cref="MaxLabelLength"/> is dropped.</summary>
internal static class UpstreamErrorReader
{
    /// <summary>The longest type, code or param kept from a provider: the code goes into the request log (and would be a
    /// metric label), so a provider, or an upstream URL that is not one, cannot write a 64 KiB value there.</summary>
    internal const int MaxLabelLength = 64;

    public static (string? Message, string? Type, string? Code, string? Param) Read(ReadOnlySpan<byte> body)
    {
        string? message = null, type = null, code = null, param = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("error"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadFields(ref reader, ref message, ref type, ref code, ref param);
                    }
                    else if (reader.TokenType == JsonTokenType.String)
                    {
                        message = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("message"u8))
                {
                    reader.Read();
                    message ??= ScalarText(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string that is not UTF-8: either way not an error the gateway can read.
            return default;
        }

        return (message, Label(type), Label(code), Label(param));
    }

    private static string? Label(string? value) => value is { Length: <= MaxLabelLength } ? value : null;

    private static void ReadFields(ref Utf8JsonReader reader, ref string? message, ref string? type, ref string? code, ref string? param)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            var value = ScalarText(ref reader);
            switch (name)
            {
                case "message": message = value; break;
                case "type": type = value; break;
                case "code": code = value; break;
                case "param": param = value; break;
                default: break;
            }
        }
    }

    private static string? ScalarText(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var number) ? number.ToString(CultureInfo.InvariantCulture) : null;
            default:
                reader.Skip();
                return null;
        }
    }
}
