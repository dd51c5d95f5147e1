using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>OpenAI carries tool arguments as a JSON string; Anthropic and Gemini want the object itself.</summary>
internal static class ToolArguments
{
    /// <summary>
    /// Hands each of an assistant message's <c>tool_calls</c> to <paramref name="add"/> as (id, name, arguments object),
    /// in order; returns why one cannot be translated (its arguments are not a JSON object), or <see langword="null"/>.
    /// Every dialect that wants the arguments as an object reads the calls this way.
    /// </summary>
    public static string? ReadCalls<TState>(JsonElement message, int index, TState state, ToolCallHandler<TState> add)
    {
        if (!JsonBlocks.TryGet(message, "tool_calls", out var calls) || calls.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var call in calls.EnumerateArray())
        {
            JsonBlocks.TryGet(call, "function", out var function);
            if (!TryParse(JsonBlocks.String(function, "arguments"), out var arguments))
            {
                return $"messages[{index}].tool_calls: the arguments of '{JsonBlocks.String(function, "name")}' are not a JSON object.";
            }

            add(state, JsonBlocks.String(call, "id") ?? "", JsonBlocks.String(function, "name") ?? "", arguments);
        }

        return null;
    }

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
