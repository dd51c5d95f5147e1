using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>Reads the top-level <c>usage</c> of a Messages API response as the gateway bills it.</summary>
internal static class AnthropicUsageReader
{
    public static TokenUsage? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isUsage = reader.ValueTextEquals("usage"u8);
                reader.Read();
                if (isUsage && reader.TokenType == JsonTokenType.StartObject)
                {
                    var usage = new AnthropicUsage();
                    usage.Read(ref reader);
                    return usage.IsEmpty ? null : usage.ToTokenUsage();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A malformed body has no usable usage; the request is billed on the gateway's count.
        }

        return null;
    }
}
