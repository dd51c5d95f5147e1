using System.Text.Json;

namespace Tollway.Gateway.Upstream.Translation.Gemini;

/// <summary>OpenAI <c>tools</c> as Gemini <c>functionDeclarations</c> (parameters as JSON Schema, in
/// <c>parametersJsonSchema</c>, since OpenAI's schemas use keywords Gemini's OpenAPI-subset <c>parameters</c> refuses) and
/// <c>tool_choice</c> as <c>toolConfig.functionCallingConfig</c>.</summary>
internal static class GeminiToolsWriter
{
    public static void Write(Utf8JsonWriter w, JsonElement root)
    {
        if (!JsonBlocks.TryGet(root, "tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return;
        }

        w.WriteStartArray("tools"u8);
        w.WriteStartObject();
        w.WriteStartArray("functionDeclarations"u8);
        foreach (var tool in tools.EnumerateArray())
        {
            JsonBlocks.TryGet(tool, "function", out var function);
            w.WriteStartObject();
            w.WriteString("name"u8, JsonBlocks.String(function, "name") ?? "");
            if (JsonBlocks.String(function, "description") is { } description)
            {
                w.WriteString("description"u8, description);
            }

            if (JsonBlocks.TryGet(function, "parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("parametersJsonSchema"u8);
                parameters.WriteTo(w);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        WriteToolConfig(w, root);
    }

    private static void WriteToolConfig(Utf8JsonWriter w, JsonElement root)
    {
        if (!JsonBlocks.TryGet(root, "tool_choice", out var choice))
        {
            return;
        }

        var (mode, name) = choice.ValueKind == JsonValueKind.Object
            ? ("ANY", JsonBlocks.String(JsonBlocks.TryGet(choice, "function", out var function) ? function : default, "name"))
            : (choice.GetString() switch { "none" => "NONE", "required" => "ANY", _ => "AUTO" }, (string?)null);
        w.WriteStartObject("toolConfig"u8);
        w.WriteStartObject("functionCallingConfig"u8);
        w.WriteString("mode"u8, mode);
        if (name is not null)
        {
            w.WriteStartArray("allowedFunctionNames"u8);
            w.WriteStringValue(name);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
