using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Counts the billed prompt of an Anthropic Messages body as an Anthropic provider gets it: every string and member name
/// of <c>system</c> and <c>messages</c> (tool results, thinking and its signature, search results and text documents
/// included), tool definitions and any other member that may be rendered as their JSON plus Anthropic's overhead for its
/// own client tools, and images at the family's allowance. A document given as data, by URL or by file id, content the
/// provider decrypts (earlier web search results) and MCP servers (whose tools the provider lists into the prompt)
/// mark the prompt unmeasured.
/// </summary>
/// <remarks>
/// Text is counted as UTF-8 bytes (as written, escapes included, which only adds) whatever the family: this body only
/// goes to Anthropic-format providers, whose tokenizers are not available, and no byte-level tokenizer emits more
/// tokens than bytes.
/// </remarks>
internal static class AnthropicPromptCounter
{
    // Anthropic's published overheads for its schema-defined client tools, the largest of them: computer use adds 735
    // tokens per definition and up to 499 of system prompt; the text editor 700; bash 245.
    private const int ClientToolAllowance = 1_536;

    private static readonly string[] ClientToolPrefixes = ["bash_", "text_editor_", "computer_", "memory_"];

    /// <summary>Members that set up the request and never reach the prompt.</summary>
    private static readonly string[] Settings =
        ["model", "max_tokens", "stream", "temperature", "top_p", "top_k", "stop_sequences", "metadata", "thinking", "service_tier"];

    public static long Count(JsonElement root, ModelFamily family, out bool unmeasured)
    {
        unmeasured = false;
        long tokens = family.ReplyPriming + family.TemplateAllowance;
        var hasTools = false;
        foreach (var member in root.EnumerateObject())
        {
            if (member.NameEquals("messages"u8) && member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in member.Value.EnumerateArray())
                {
                    tokens += family.TokensPerMessage + Value(message, family, ref unmeasured);
                }
            }
            else if (member.NameEquals("system"u8))
            {
                tokens += Value(member.Value, family, ref unmeasured);
            }
            else if (member.NameEquals("tools"u8) && member.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var tool in member.Value.EnumerateArray())
                {
                    hasTools = true;
                    tokens += Raw(tool).Length + (IsClientTool(tool) ? ClientToolAllowance : 0);
                }
            }
            else if (member.NameEquals("mcp_servers"u8))
            {
                unmeasured |= member.Value.ValueKind == JsonValueKind.Array && member.Value.GetArrayLength() > 0;
            }
            else if (!Array.Exists(Settings, name => member.NameEquals(name)))
            {
                // tool_choice, output formats and whatever a later version renders: their JSON, names and all.
                tokens += Raw(member.Value).Length;
            }
        }

        return hasTools ? tokens + family.ToolsAllowance : tokens;
    }

    private static long Value(JsonElement value, ModelFamily family, ref bool unmeasured)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return Block(value, family, ref unmeasured);
            case JsonValueKind.Array:
                long tokens = 0;
                foreach (var item in value.EnumerateArray())
                {
                    tokens += Value(item, family, ref unmeasured);
                }

                return tokens;
            case JsonValueKind.String:
                return Raw(value).Length - 2;
            case JsonValueKind.Null:
                return 0;
            default:
                return Raw(value).Length;
        }
    }

    /// <summary>A message or content block: its member names and values (blocks inside <c>content</c> alike), with the
    /// rules for media.</summary>
    private static long Block(JsonElement block, ModelFamily family, ref bool unmeasured)
    {
        var image = HasType(block, "image");
        var document = HasType(block, "document");
        long tokens = 0;
        foreach (var member in block.EnumerateObject())
        {
            tokens += Encoding.UTF8.GetByteCount(member.Name);
            if ((image || document) && member.NameEquals("source"u8))
            {
                tokens += Source(member.Value, imageOnly: image && !document, family, ref unmeasured);
            }
            else if (member.NameEquals("encrypted_content"u8))
            {
                // Earlier web search results: the provider bills the page text it decrypts, which this does not show.
                unmeasured = true;
            }
            else if (member.NameEquals("content"u8) || member.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
            {
                tokens += Value(member.Value, family, ref unmeasured);
            }
            else
            {
                // A tool call's input and other nested JSON, rendered as written: names, punctuation and all.
                tokens += Raw(member.Value).Length;
            }
        }

        return tokens;
    }

    /// <summary>
    /// The <c>source</c> of an image or a document. Text (<c>text</c>, <c>content</c>) is counted; an image's data, URL
    /// or file gets the family's allowance; a document's data, URL or file — pages billed as images plus their text,
    /// which compression makes far larger than the bytes — cannot be measured.
    /// </summary>
    private static long Source(JsonElement source, bool imageOnly, ModelFamily family, ref bool unmeasured)
    {
        if (source.ValueKind != JsonValueKind.Object)
        {
            return Value(source, family, ref unmeasured);
        }

        // Of a repeated type, the provider may read either; a source that names none is taken as data.
        bool text = false, binary = false, typed = false;
        foreach (var member in source.EnumerateObject())
        {
            if (member.NameEquals("type"u8))
            {
                typed = true;
                var isText = member.Value.ValueKind == JsonValueKind.String && (member.Value.ValueEquals("text"u8) || member.Value.ValueEquals("content"u8));
                text |= isText;
                binary |= !isText;
            }
        }

        binary |= !typed;

        long tokens = text ? Value(source, family, ref unmeasured) : 0;
        if (binary && imageOnly && IsImageMedia(source))
        {
            tokens += family.ImageTokens;
        }
        else if (binary)
        {
            unmeasured = true;
        }

        return tokens;
    }

    /// <summary>Whether every <c>media_type</c> the source names (if any) is an image's.</summary>
    private static bool IsImageMedia(JsonElement source)
    {
        foreach (var member in source.EnumerateObject())
        {
            if (member.NameEquals("media_type"u8)
                && (member.Value.ValueKind != JsonValueKind.String || !member.Value.GetString()!.StartsWith("image/", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether any <c>type</c> member of the object is <paramref name="type"/> (of a repeated one, the provider may read either).</summary>
    private static bool HasType(JsonElement element, string type)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (member.NameEquals("type"u8) && member.Value.ValueKind == JsonValueKind.String && member.Value.ValueEquals(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a tool <c>type</c> is one of Anthropic's schema-defined client tools (bash, text editor,
    /// computer, memory): run by the client, but with a fixed overhead in the prompt.</summary>
    public static bool IsClientToolType(string type) =>
        ClientToolPrefixes.Any(prefix => type.StartsWith(prefix, StringComparison.Ordinal));

    private static bool IsClientTool(JsonElement tool)
    {
        if (tool.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var member in tool.EnumerateObject())
        {
            if (member.NameEquals("type"u8) && member.Value.ValueKind == JsonValueKind.String && IsClientToolType(member.Value.GetString()!))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySpan<byte> Raw(JsonElement element) => JsonMarshal.GetRawUtf8Value(element);
}
