namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>
/// What is kept about one request: who, which model, where it went, how it ended, how many tokens and bytes, how
/// long. Never prompt or response text and never a key (only the key's id).
/// </summary>
public sealed record RequestLogEntry
{
    /// <summary>The request id returned to the client in <c>X-Request-Id</c>.</summary>
    public required string Id { get; init; }

    /// <summary>When the request arrived.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The account billed, when the request was authenticated.</summary>
    public string? AccountId { get; init; }

    /// <summary>The key used, by id.</summary>
    public string? KeyId { get; init; }

    /// <summary><c>chat</c>, <c>completion</c> or <c>embedding</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The public model requested.</summary>
    public string? Model { get; init; }

    /// <summary>The provider that served it.</summary>
    public string? Provider { get; init; }

    /// <summary>The provider's model id.</summary>
    public string? UpstreamModel { get; init; }

    /// <summary>The HTTP status sent to the client (499 when the client went away first).</summary>
    public required int Status { get; init; }

    /// <summary>The OpenAI-style error code, when the request failed.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Whether the response was streamed.</summary>
    public bool Stream { get; init; }

    /// <summary>Prompt tokens as the upstream reported them.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Completion tokens as the upstream reported them.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Prompt tokens served from the provider's cache.</summary>
    public int? CachedTokens { get; init; }

    /// <summary>Reasoning tokens, included in <see cref="CompletionTokens"/>.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Whole request, in microseconds.</summary>
    public long DurationMicros { get; init; }

    /// <summary>Until the upstream's response headers, in microseconds.</summary>
    public long? UpstreamFirstByteMicros { get; init; }

    /// <summary>Request body size.</summary>
    public long RequestBytes { get; init; }

    /// <summary>Response body bytes sent to the client.</summary>
    public long ResponseBytes { get; init; }

    /// <summary>Each attempt's endpoint and outcome, in order (<c>fake/m:503,azure/m:200</c>).</summary>
    public string? Attempts { get; init; }
}
