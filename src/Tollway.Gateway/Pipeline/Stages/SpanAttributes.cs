namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>The attribute names of the request's spans: OpenTelemetry's semantic conventions (GenAI, HTTP, errors, server)
/// where they name the thing, Tollway's own under <c>tollway.</c> where they do not.</summary>
internal static class SpanAttributes
{
    public const string OperationName = "gen_ai.operation.name";
    public const string ProviderName = "gen_ai.provider.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string ResponseModel = "gen_ai.response.model";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";
    public const string HttpStatus = "http.response.status_code";
    public const string ErrorType = "error.type";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";

    /// <summary>The request id the client got in <c>X-Request-Id</c>: the way from a trace to the request log row.</summary>
    public const string RequestId = "tollway.request_id";

    /// <summary>The status the request log records, 499 for a client that left.</summary>
    public const string Status = "tollway.status";

    public const string Stream = "tollway.stream";

    /// <summary>How the request pays: from a balance, or on the spot over x402.</summary>
    public const string Payment = "tollway.payment";

    /// <summary>The worst case held on the balance, in nano-USD.</summary>
    public const string Held = "tollway.hold.nano_usd";

    /// <summary>What the request was charged, in nano-USD (provider cost and markup).</summary>
    public const string Cost = "tollway.cost.nano_usd";

    /// <summary>The endpoint an attempt went to, as the request log names it: <c>provider/upstream-model</c>.</summary>
    public const string Endpoint = "tollway.endpoint";

    /// <summary>The attempt's number, from 1.</summary>
    public const string Attempt = "tollway.attempt";

    /// <summary>Why an attempt was followed by another (<c>rate_limited</c>, <c>server_error</c>, <c>timeout</c>,
    /// <c>connect</c>, <c>key_refused</c>…); absent on the attempt that ended the request.</summary>
    public const string RetryReason = "tollway.retry.reason";

    /// <summary>The bytes the relay sent to the client.</summary>
    public const string ResponseBytes = "tollway.response_bytes";
}
