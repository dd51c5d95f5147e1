namespace Tollway.Testing.Upstreams;

/// <summary>
/// A behaviour the fake upstream applies to a request instead of its default answer. Every member is
/// optional and they combine (e.g. a latency before a 429 with <c>Retry-After</c>); build one with the
/// factory helpers and refine it with a <c>with</c> expression.
/// </summary>
public sealed record UpstreamFault
{
    /// <summary>
    /// Status code to answer with. A non-2xx status sends an OpenAI error JSON fitting the status (or
    /// <see cref="Body"/>) instead of the normal answer; a 2xx status without a body is ignored.
    /// </summary>
    public int? Status { get; init; }

    /// <summary>Raw body sent as <c>application/json</c> with <see cref="Status"/> (200 when no status is set).</summary>
    public string? Body { get; init; }

    /// <summary>How <see cref="Body"/> is framed: chunked with no length, or under a declared length it never reaches
    /// (unset: an exact <c>Content-Length</c>).</summary>
    public UpstreamBodyFraming? BodyFraming { get; init; }

    /// <summary>Sent as a <c>Retry-After</c> header in whole seconds (rounded up) on whatever response follows.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Delay before anything, headers included, is sent.</summary>
    public TimeSpan? Latency { get; init; }

    /// <summary>Never answer; the request ends only when the client gives up or the upstream is disposed.</summary>
    public bool Hang { get; init; }

    /// <summary>Abort the connection before any response is written.</summary>
    public bool ResetConnection { get; init; }

    /// <summary>
    /// On a stream, end the connection right after this many <c>data:</c> events have been delivered, with no
    /// <c>[DONE]</c> and no terminating chunk: an HTTP/1.1 client reads the events, then a premature end of the
    /// response (an <c>HttpIOException</c> in .NET). Zero cuts right after the headers.
    /// </summary>
    public int? CutStreamAfterChunks { get; init; }

    /// <summary>
    /// A 200 whose JSON body is truncated; on a stream the second <c>data:</c> event carries truncated JSON
    /// instead of its chunk. Combined with an error status the error JSON is truncated too.
    /// </summary>
    public bool MalformedJson { get; init; }

    /// <summary>Delay between stream events (none by default).</summary>
    public TimeSpan? ChunkInterval { get; init; }

    /// <summary>
    /// On a stream, after the first <c>data:</c> event is written and flushed, wait for this to complete before
    /// sending the rest, so a test can prove the client saw chunk 1 before the upstream finished.
    /// </summary>
    public TaskCompletionSource? HoldStreamAfterFirstChunk { get; init; }

    /// <summary>Token counts to report instead of the derived ones.</summary>
    public UpstreamUsage? Usage { get; init; }

    /// <summary>Assistant text to answer with instead of the default; tool calls are still made when tools are offered.</summary>
    public string? Content { get; init; }

    /// <summary>On a native-format stream, after the first content delta send the provider's error event of this type
    /// (Anthropic's <c>overloaded_error</c>; Gemini's error <c>status</c>, <c>UNAVAILABLE</c>) and end the stream.</summary>
    public string? StreamErrorType { get; init; }

    /// <summary>Gemini: the answer is blocked for safety (the candidate ends with <c>SAFETY</c> and no content); with
    /// <see cref="Content"/> set to <c>"prompt"</c> the prompt itself is blocked (<c>promptFeedback.blockReason</c>).</summary>
    public bool SafetyBlock { get; init; }

    /// <summary>Answer with <paramref name="status"/> and the OpenAI error JSON that fits it.</summary>
    public static UpstreamFault WithStatus(int status) => new() { Status = status };

    /// <summary>Answer with <paramref name="status"/> and a <c>Retry-After</c> header.</summary>
    public static UpstreamFault WithStatus(int status, TimeSpan retryAfter) => new() { Status = status, RetryAfter = retryAfter };

    /// <summary>Answer 429 (<c>rate_limit_exceeded</c>), optionally with a <c>Retry-After</c> header.</summary>
    public static UpstreamFault RateLimited(TimeSpan? retryAfter = null) => new() { Status = 429, RetryAfter = retryAfter };

    /// <summary>Answer with <paramref name="status"/> and exactly <paramref name="body"/>.</summary>
    public static UpstreamFault WithBody(int status, string body) => new() { Status = status, Body = body };

    /// <summary>Answer normally after <paramref name="latency"/>.</summary>
    public static UpstreamFault WithLatency(TimeSpan latency) => new() { Latency = latency };

    /// <summary>Never answer.</summary>
    public static UpstreamFault Hanging() => new() { Hang = true };

    /// <summary>Abort the connection before answering.</summary>
    public static UpstreamFault ConnectionReset() => new() { ResetConnection = true };

    /// <summary>Abort a stream after <paramref name="chunks"/> data events.</summary>
    public static UpstreamFault CutStreamAfter(int chunks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(chunks);
        return new() { CutStreamAfterChunks = chunks };
    }

    /// <summary>Answer 200 with truncated JSON (or a malformed stream event).</summary>
    public static UpstreamFault Malformed() => new() { MalformedJson = true };

    /// <summary>Stream with <paramref name="interval"/> between events.</summary>
    public static UpstreamFault WithChunkInterval(TimeSpan interval) => new() { ChunkInterval = interval };

    /// <summary>Pause a stream after its first event until <paramref name="release"/> completes.</summary>
    public static UpstreamFault HoldStreamUntil(TaskCompletionSource release)
    {
        ArgumentNullException.ThrowIfNull(release);
        return new() { HoldStreamAfterFirstChunk = release };
    }

    /// <summary>Answer normally but report <paramref name="usage"/>.</summary>
    public static UpstreamFault WithUsage(UpstreamUsage usage) => new() { Usage = usage };

    /// <summary>Answer normally but with <paramref name="content"/> as the assistant text.</summary>
    public static UpstreamFault WithContent(string content) => new() { Content = content };
}
