using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>
/// Checks the <c>system</c> and <c>messages</c> of a Messages request as Anthropic's API checks them: <c>system</c> a
/// string or text blocks; each message an object whose <c>role</c> is <c>user</c> or <c>assistant</c> and whose
/// <c>content</c> is a string or an array of content blocks; every block (and every block inside a <c>tool_result</c>)
/// an object with a <c>type</c> of Anthropic's, and a <c>tool_use_id</c> on every <c>tool_result</c>. An unknown block
/// would reach an Anthropic provider unseen by the counter that bills it, and be silently dropped on the way to any
/// other. Errors read as Anthropic's do (<c>messages.3.role: …</c>), with the OpenAI-style path as <c>param</c>.
/// </summary>
internal static class MessagesCheck
{
    /// <summary>The content block types Anthropic's API takes in a request, its betas included.</summary>
    private static readonly string[] BlockTypes =
    [
        "text", "image", "document", "search_result", "thinking", "redacted_thinking", "tool_use", "tool_result",
        "server_tool_use", "web_search_tool_result", "web_fetch_tool_result", "advisor_tool_result", "code_execution_tool_result",
        "bash_code_execution_tool_result", "text_editor_code_execution_tool_result", "tool_search_tool_result", "tool_reference",
        "mcp_tool_use", "mcp_tool_result", "container_upload", "compaction", "mid_conv_system", "fallback",
    ];

    /// <summary>The first problem of the request's <c>system</c> and <c>messages</c> (an array), if any.</summary>
    public static RequestProblem? Check(JsonElement root, JsonElement messages)
    {
        if (SystemProblem(root) is { } system)
        {
            return system;
        }

        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            if (MessageProblem(message, index++) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static RequestProblem? SystemProblem(JsonElement root) =>
        root.TryGetProperty("system"u8, out var system) && system.ValueKind != JsonValueKind.Null
            ? ContentProblem(system, "system", "system", textOnly: true)
            : null;

    private static RequestProblem? MessageProblem(JsonElement message, int index)
    {
        var path = $"messages.{index}";
        var param = $"messages[{index}]";
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Problem(path, param, "Input should be an object");
        }

        if (Required(message, "role", path, param, out var role) is { } roleProblem)
        {
            return roleProblem;
        }

        if (role.ValueKind != JsonValueKind.String || !(role.ValueEquals("user"u8) || role.ValueEquals("assistant"u8)))
        {
            return Problem($"{path}.role", $"{param}.role", "Input should be 'user' or 'assistant'");
        }

        return Required(message, "content", path, param, out var content)
            ?? ContentProblem(content, $"{path}.content", $"{param}.content", textOnly: false);
    }

    /// <summary>Content: a string, or an array of blocks (text blocks only, for <c>system</c>; those of a
    /// <c>tool_result</c> checked alike).</summary>
    private static RequestProblem? ContentProblem(JsonElement content, string path, string param, bool textOnly)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return Problem(path, param, "Input should be a valid string or a list of content blocks");
        }

        var index = 0;
        foreach (var block in content.EnumerateArray())
        {
            if (BlockProblem(block, $"{path}.{index}", $"{param}[{index}]", textOnly) is { } problem)
            {
                return problem;
            }

            index++;
        }

        return null;
    }

    private static RequestProblem? BlockProblem(JsonElement block, string path, string param, bool textOnly)
    {
        if (block.ValueKind != JsonValueKind.Object)
        {
            return Problem(path, param, "Input should be an object");
        }

        if (Required(block, "type", path, param, out var type) is { } typeProblem)
        {
            return typeProblem;
        }

        if (type.ValueKind != JsonValueKind.String || (textOnly ? !type.ValueEquals("text"u8) : !IsBlockType(type)))
        {
            return Problem($"{path}.type", $"{param}.type", textOnly ? "Input should be 'text'" : "Input tag does not match any of the content block types");
        }

        return type.ValueEquals("tool_result"u8) ? ToolResultProblem(block, path, param) : null;
    }

    /// <summary>A tool's result answers a call by its id, and holds blocks of its own, which reach the provider (and its
    /// bill) the same way.</summary>
    private static RequestProblem? ToolResultProblem(JsonElement block, string path, string param)
    {
        if (!block.TryGetProperty("tool_use_id"u8, out var id) || id.ValueKind != JsonValueKind.String)
        {
            return Problem($"{path}.tool_use_id", $"{param}.tool_use_id", "Field required (a string)");
        }

        return block.TryGetProperty("content"u8, out var result) && result.ValueKind != JsonValueKind.Null
            ? ContentProblem(result, $"{path}.content", $"{param}.content", textOnly: false)
            : null;
    }

    /// <summary>
    /// The member <paramref name="name"/> of an object, or why it cannot be read: missing, or there more than once
    /// (Anthropic reads one copy, the gateway's counter and translator may read another).
    /// </summary>
    private static RequestProblem? Required(JsonElement element, string name, string path, string param, out JsonElement value)
    {
        value = default;
        var count = 0;
        foreach (var member in element.EnumerateObject())
        {
            if (member.NameEquals(name))
            {
                value = member.Value;
                count++;
            }
        }

        return count switch
        {
            0 => Problem($"{path}.{name}", $"{param}.{name}", "Field required"),
            1 => null,
            _ => Problem($"{path}.{name}", $"{param}.{name}", "appears more than once"),
        };
    }

    private static bool IsBlockType(JsonElement type)
    {
        foreach (var known in BlockTypes)
        {
            if (type.ValueEquals(known))
            {
                return true;
            }
        }

        return false;
    }

    private static RequestProblem Problem(string path, string param, string message) => new($"{path}: {message}.", param, null);
}
