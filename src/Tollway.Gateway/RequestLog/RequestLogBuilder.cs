using Tollway.Gateway.Providers;
using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.RequestLog;

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

    public RequestLogEntry Build(long durationMicros) => new()
    {
        Id = Id,
        StartedAt = startedAt,
        AccountId = AccountId,
        KeyId = KeyId,
        Operation = operation.LogName(),
        Model = Model,
        Provider = Provider,
        UpstreamModel = UpstreamModel,
        Status = Status,
        ErrorCode = ErrorCode,
        Stream = Stream,
        PromptTokens = Usage?.PromptTokens,
        CompletionTokens = Usage?.CompletionTokens,
        CachedTokens = Usage?.CachedTokens,
        ReasoningTokens = Usage?.ReasoningTokens,
        DurationMicros = durationMicros,
        UpstreamFirstByteMicros = UpstreamFirstByteMicros,
        RequestBytes = RequestBytes,
        ResponseBytes = ResponseBytes,
        Attempts = Attempts,
    };
}
