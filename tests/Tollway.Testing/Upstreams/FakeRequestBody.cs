using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>The few request fields that shape the fake answer, read once from the JSON body.</summary>
internal sealed class FakeRequestBody
{
    private const int MaxChoices = 128;

    public string? Model { get; private init; }

    public bool Stream { get; private init; }

    public bool IncludeUsage { get; private init; }

    public int Choices { get; private init; } = 1;

    /// <summary>The first offered tool's function name, when <c>tools</c> is a non-empty array.</summary>
    public string? FirstToolName { get; private init; }

    public bool LastMessageIsTool { get; private init; }

    public bool JsonResponseFormat { get; private init; }

    /// <summary>Embedding inputs as strings; token arrays become their comma-joined ids.</summary>
    public IReadOnlyList<string> Inputs { get; private init; } = [];

    public bool Base64Encoding { get; private init; }

    public int? Dimensions { get; private init; }

    /// <summary>Reads the body, or returns null when it is not a JSON object (OpenAI answers 400 then).</summary>
    public static FakeRequestBody? TryParse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new FakeRequestBody
            {
                Model = String(root, "model"),
                Stream = Bool(root, "stream"),
                IncludeUsage = root.TryGetProperty("stream_options", out var options) && Bool(options, "include_usage"),
                Choices = Math.Clamp(Int(root, "n") ?? 1, 1, MaxChoices),
                FirstToolName = FirstTool(root),
                LastMessageIsTool = LastMessageIsToolResult(root),
                JsonResponseFormat = root.TryGetProperty("response_format", out var format)
                    && String(format, "type") is "json_object" or "json_schema",
                Inputs = ReadInputs(root),
                Base64Encoding = String(root, "encoding_format") == "base64",
                Dimensions = Int(root, "dimensions") is > 0 and var dimensions ? dimensions : null,
            };
        }
    }

    private static string? FirstTool(JsonElement root)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return null;
        }

        var first = tools[0];
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("function", out var function)
            ? String(function, "name") ?? "tool"
            : "tool";
    }

    private static bool LastMessageIsToolResult(JsonElement root) =>
        root.TryGetProperty("messages", out var messages)
        && messages.ValueKind == JsonValueKind.Array
        && messages.GetArrayLength() > 0
        && String(messages[messages.GetArrayLength() - 1], "role") == "tool";

    private static List<string> ReadInputs(JsonElement root)
    {
        var inputs = new List<string>();
        if (!root.TryGetProperty("input", out var input))
        {
            return inputs;
        }

        if (input.ValueKind != JsonValueKind.Array)
        {
            inputs.Add(InputKey(input));
            return inputs;
        }

        // A flat array of numbers is one tokenized input; any other array is one input per element.
        if (input.GetArrayLength() > 0 && input[0].ValueKind == JsonValueKind.Number)
        {
            inputs.Add(InputKey(input));
            return inputs;
        }

        foreach (var item in input.EnumerateArray())
        {
            inputs.Add(InputKey(item));
        }

        return inputs;
    }

    private static string InputKey(JsonElement input) => input.ValueKind switch
    {
        JsonValueKind.String => input.GetString() ?? string.Empty,
        JsonValueKind.Array => string.Join(',', input.EnumerateArray().Select(token => token.GetRawText())),
        _ => input.GetRawText(),
    };

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static bool Bool(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
