using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>Collects a request's log row as the request path learns each part of it.</summary>
internal sealed class RequestLogBuilder(string id, DateTimeOffset startedAt, GatewayOperation operation)
{
    public string Id { get; } = id;

    public string? AccountId { get; set; }

    public string? KeyId { get; set; }

    public string? Model { get; set; }

    public string? Provider { get; set; }

    public string? UpstreamModel { get; set; }

    public int Status { get; set; } = 200;

    public string? ErrorCode { get; set; }

    public bool Stream { get; set; }

    public TokenUsage? Usage { get; set; }

    public long? UpstreamFirstByteMicros { get; set; }

    public long RequestBytes { get; set; }

    public long ResponseBytes { get; set; }

    public string? Attempts { get; set; }

    /// <summary>The longest text a row keeps in a column (<see cref="MaxAttemptsLength"/> for the attempts): the request
    /// path refuses or drops longer values where they come in (a model id, a provider's error code), and this holds
    /// whatever a later change lets through to a bound too.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The longest attempts column: one entry per attempt, at most <c>routing.maxAttempts</c> of them.</summary>
    public const int MaxAttemptsLength = 1024;

    public RequestLogEntry Build(long durationMicros) => new()
    {
        Id = Id,
        StartedAt = startedAt,
        AccountId = Bounded(AccountId, MaxTextLength),
        KeyId = Bounded(KeyId, MaxTextLength),
        Operation = operation.LogName(),
        Model = Bounded(Model, MaxTextLength),
        Provider = Bounded(Provider, MaxTextLength),
        UpstreamModel = Bounded(UpstreamModel, MaxTextLength),
        Status = Status,
        ErrorCode = Bounded(ErrorCode, MaxTextLength),
        Stream = Stream,
        PromptTokens = Usage?.PromptTokens,
        CompletionTokens = Usage?.CompletionTokens,
        CachedTokens = Usage?.CachedTokens,
        ReasoningTokens = Usage?.ReasoningTokens,
        DurationMicros = durationMicros,
        UpstreamFirstByteMicros = UpstreamFirstByteMicros,
        RequestBytes = RequestBytes,
        ResponseBytes = ResponseBytes,
        Attempts = Bounded(Attempts, MaxAttemptsLength),
    };

    /// <summary>The text cut to <paramref name="max"/> characters, never between the halves of a surrogate pair.</summary>
    private static string? Bounded(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        return text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
    }
}
