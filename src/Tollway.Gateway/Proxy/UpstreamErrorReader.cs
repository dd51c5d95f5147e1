using System.Globalization;
using System.Text.Json;

namespace Tollway.Gateway.Proxy;

/// <summary>Reads <c>{"error":{"message","type","code","param"}}</c> (or a bare <c>{"message"}</c>) from a provider's error body.</summary>
internal static class UpstreamErrorReader
{
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
        catch (JsonException)
        {
            return default;
        }

        return (message, type, code, param);
    }

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
