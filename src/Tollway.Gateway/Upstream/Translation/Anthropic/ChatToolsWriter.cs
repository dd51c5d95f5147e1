using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>Anthropic <c>tools</c> and <c>tool_choice</c> as a chat completion's. Server tools (those with a
/// <c>type</c> such as <c>web_search_20250305</c>) run only at Anthropic and are left out.</summary>
internal static class ChatToolsWriter
{
    public static void Write(Utf8JsonWriter w, JsonElement root)
    {
        var tools = JsonBlocks.TryGet(root, "tools", out var t) && t.ValueKind == JsonValueKind.Array
            ? t.EnumerateArray().Where(tool => JsonBlocks.String(tool, "type") is null or "custom").ToList()
            : [];
        if (tools.Count == 0)
        {
            return;
        }

        w.WriteStartArray("tools"u8);
        foreach (var tool in tools)
        {
            WriteTool(w, tool);
        }

        w.WriteEndArray();
        if (JsonBlocks.TryGet(root, "tool_choice", out var choice))
        {
            WriteToolChoice(w, choice);
        }
    }

    /// <summary>A client tool as a function: its name, description and input schema as the parameters.</summary>
    private static void WriteTool(Utf8JsonWriter w, JsonElement tool)
    {
        w.WriteStartObject();
        w.WriteString("type"u8, "function");
        w.WriteStartObject("function"u8);
        w.WriteString("name"u8, JsonBlocks.String(tool, "name") ?? "");
        if (JsonBlocks.String(tool, "description") is { } description)
        {
            w.WriteString("description"u8, description);
        }

        if (JsonBlocks.TryGet(tool, "input_schema", out var schema))
        {
            w.WritePropertyName("parameters"u8);
            schema.WriteTo(w);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary><c>tool_choice</c>: <c>any</c> as <c>required</c>, a named tool as a named function, anything else as
    /// <c>auto</c>; <c>disable_parallel_tool_use</c> as <c>parallel_tool_calls: false</c>.</summary>
    private static void WriteToolChoice(Utf8JsonWriter w, JsonElement choice)
    {
        switch (JsonBlocks.String(choice, "type"))
        {
            case "any":
                w.WriteString("tool_choice"u8, "required");
                break;
            case "none":
                w.WriteString("tool_choice"u8, "none");
                break;
            case "tool":
                w.WriteStartObject("tool_choice"u8);
                w.WriteString("type"u8, "function");
                w.WriteStartObject("function"u8);
                w.WriteString("name"u8, JsonBlocks.String(choice, "name") ?? "");
                w.WriteEndObject();
                w.WriteEndObject();
                break;
            default:
                w.WriteString("tool_choice"u8, "auto");
                break;
        }

        if (JsonBlocks.TryGet(choice, "disable_parallel_tool_use", out var serial) && serial.ValueKind == JsonValueKind.True)
        {
            w.WriteBoolean("parallel_tool_calls"u8, false);
        }
    }
}
