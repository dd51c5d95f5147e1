using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>OpenAI <c>tools</c> and <c>tool_choice</c> (with <c>parallel_tool_calls</c>) as the Messages API's.</summary>
internal static class AnthropicToolsWriter
{
    public static void Write(Utf8JsonWriter writer, JsonElement root)
    {
        var hasTools = false;
        if (JsonBlocks.TryGet(root, "tools", out var tools) && tools.ValueKind == JsonValueKind.Array && tools.GetArrayLength() > 0)
        {
            hasTools = true;
            writer.WriteStartArray("tools"u8);
            foreach (var tool in tools.EnumerateArray())
            {
                JsonBlocks.TryGet(tool, "function", out var function);
                writer.WriteStartObject();
                writer.WriteString("name"u8, JsonBlocks.String(function, "name") ?? "");
                if (JsonBlocks.String(function, "description") is { } description)
                {
                    writer.WriteString("description"u8, description);
                }

                writer.WritePropertyName("input_schema"u8);
                if (JsonBlocks.TryGet(function, "parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
                {
                    parameters.WriteTo(writer);
                }
                else
                {
                    // The API requires a schema; a tool without parameters takes an empty object.
                    writer.WriteRawValue("""{"type":"object","properties":{}}"""u8, skipInputValidation: true);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        WriteChoice(writer, root, hasTools);
    }

    private static void WriteChoice(Utf8JsonWriter writer, JsonElement root, bool hasTools)
    {
        var serial = JsonBlocks.TryGet(root, "parallel_tool_calls", out var parallel) && parallel.ValueKind == JsonValueKind.False;
        JsonBlocks.TryGet(root, "tool_choice", out var choice);
        var (type, name) = choice.ValueKind switch
        {
            JsonValueKind.String => choice.GetString() switch
            {
                "none" => ("none", null),
                "required" => ("any", null),
                _ => ("auto", (string?)null),
            },
            JsonValueKind.Object => ("tool", JsonBlocks.String(JsonBlocks.TryGet(choice, "function", out var function) ? function : default, "name")),
            _ => (serial && hasTools ? "auto" : null, null),
        };
        if (type is null || !hasTools)
        {
            return;
        }

        writer.WriteStartObject("tool_choice"u8);
        writer.WriteString("type"u8, type);
        if (name is not null)
        {
            writer.WriteString("name"u8, name);
        }

        if (serial && type != "none")
        {
            writer.WriteBoolean("disable_parallel_tool_use"u8, true);
        }

        writer.WriteEndObject();
    }
}
