namespace Tollway.Testing.Upstreams;

/// <summary>
/// The answer decided for one chat or text completion request, computed once so the streamed and
/// non-streamed forms (and every chunk of a stream) agree on ids, text and usage.
/// </summary>
internal sealed class FakeCompletion
{
    public const string SystemFingerprint = "fp_f4k3u957r3";

    public required string Id { get; init; }

    public required long Created { get; init; }

    public required string Model { get; init; }

    /// <summary>The assistant text, or null when the answer is a tool call.</summary>
    public string? Content { get; init; }

    public string? ToolName { get; init; }

    /// <summary>One tool-call id per choice.</summary>
    public IReadOnlyList<string> ToolCallIds { get; init; } = [];

    public string ToolArguments { get; init; } = FakeText.ToolArguments;

    public required string FinishReason { get; init; }

    public required int Choices { get; init; }

    public required UpstreamUsage Usage { get; init; }

    public bool IncludeStreamUsage { get; init; }

    public bool IsToolCall => ToolName is not null;

    public static FakeCompletion ForChat(FakeRequestBody request, int bodyLength, string model, UpstreamFault? fault)
    {
        // Tools make the model call the first one, unless the last message already carries its result:
        // that lets a test drive a full round trip (call, tool result, final answer).
        var toolName = request.LastMessageIsTool ? null : request.FirstToolName;
        var content = toolName is not null
            ? null
            : fault?.Content ?? (request.LastMessageIsTool ? FakeText.ToolResultContent
                : request.JsonResponseFormat ? FakeText.JsonContent : FakeText.DefaultContent);
        var ids = new string[toolName is null ? 0 : request.Choices];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = NewId("call_");
        }

        return new FakeCompletion
        {
            Id = NewId("chatcmpl-"),
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = model,
            Content = content,
            ToolName = toolName,
            ToolCallIds = ids,
            FinishReason = toolName is null ? "stop" : "tool_calls",
            Choices = request.Choices,
            Usage = fault?.Usage ?? DeriveUsage(bodyLength, content ?? FakeText.ToolArguments, request.Choices),
            IncludeStreamUsage = request.IncludeUsage,
        };
    }

    public static FakeCompletion ForText(FakeRequestBody request, int bodyLength, string model, UpstreamFault? fault)
    {
        var content = fault?.Content ?? FakeText.DefaultContent;
        return new FakeCompletion
        {
            Id = NewId("cmpl-"),
            Created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            Model = model,
            Content = content,
            FinishReason = "stop",
            Choices = request.Choices,
            Usage = fault?.Usage ?? DeriveUsage(bodyLength, content, request.Choices),
            IncludeStreamUsage = request.IncludeUsage,
        };
    }

    /// <summary>Prompt tokens are a quarter of the body bytes: stable for a given request, no tokenizer needed.</summary>
    public static int PromptTokensFor(int bodyLength) => Math.Max(1, bodyLength / 4);

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N");

    private static UpstreamUsage DeriveUsage(int bodyLength, string answer, int choices) =>
        new(PromptTokensFor(bodyLength), FakeText.CountWords(answer) * choices);
}
