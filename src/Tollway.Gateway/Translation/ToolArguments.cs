using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Translation;

/// <summary>OpenAI carries tool arguments as a JSON string; Anthropic and Gemini want the object itself.</summary>
internal static class ToolArguments
{
    /// <summary>The arguments as JSON object bytes (<c>{}</c> for none); <see langword="false"/> when they are not an object.</summary>
    public static bool TryParse(string? arguments, out byte[] json)
    {
        json = "{}"u8.ToArray();
        if (string.IsNullOrWhiteSpace(arguments))
        {
            return true;
        }

        var bytes = Encoding.UTF8.GetBytes(arguments);
        try
        {
            var reader = new Utf8JsonReader(bytes);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        json = bytes;
        return true;
    }
}
