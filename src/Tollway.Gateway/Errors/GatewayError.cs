using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Errors;

/// <summary>An error the gateway answers with, in OpenAI's terms (<c>{"error":{"message","type","code","param"}}</c>) and
/// with its HTTP status; <see cref="OpenAiErrorWriter"/> and <see cref="AnthropicErrorWriter"/> write it in each API's shape.</summary>
public sealed record GatewayError(int Status, string Type, string? Code, string Message, string? Param = null)
{
    /// <summary>How long the client should wait before it tries again, sent as <c>Retry-After</c> (none when unset).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>400: the request is malformed or misses a field.</summary>
    public static GatewayError InvalidRequest(string message, string? param = null, string? code = null) =>
        new(400, "invalid_request_error", code, message, param);

    /// <summary>401: no key was sent.</summary>
    public static GatewayError MissingKey() => new(401, "invalid_request_error", "missing_api_key",
        "No API key provided. Send it as 'Authorization: Bearer tw-...' or in the 'x-api-key' header.");

    /// <summary>401: the key is unknown or revoked (which of the two is not told).</summary>
    public static GatewayError InvalidKey() => new(401, "invalid_request_error", "invalid_api_key",
        "The API key is invalid or has been revoked.");

    /// <summary>401: the key expired.</summary>
    public static GatewayError ExpiredKey() => new(401, "invalid_request_error", "key_expired", "The API key has expired.");

    /// <summary>The 401 for an authentication that did not succeed.</summary>
    public static GatewayError ForAuthentication(ApiKeyAuthenticationStatus status) => status switch
    {
        ApiKeyAuthenticationStatus.Missing => MissingKey(),
        ApiKeyAuthenticationStatus.Expired => ExpiredKey(),
        _ => InvalidKey(),
    };

    /// <summary>402: the balance does not cover the worst case of this request.</summary>
    public static GatewayError InsufficientBalance(long worstCase, long available) => new(402, "insufficient_quota", "insufficient_quota",
        $"Insufficient balance: this request may cost up to ${UsdAmount.FormatUsd(worstCase)} and ${UsdAmount.FormatUsd(Math.Max(available, 0))} is available. Add credits to continue.");

    /// <summary>503: the model has no price, so it cannot be billed and is not served.</summary>
    public static GatewayError ModelNotPriced(string model) => new(503, "server_error", "model_not_priced",
        $"The model '{model}' has no price set on this gateway, so it cannot be served. The operator must set one.", "model");

    /// <summary>The code of <see cref="Overloaded"/>, which Anthropic's shape answers as its <c>overloaded_error</c>.</summary>
    public const string OverloadedCode = "gateway_overloaded";

    /// <summary>503: this node is serving as many requests as it is allowed to (<c>server.maxConcurrentRequests</c>).
    /// Sent with <c>Retry-After</c>; the request went nowhere and cost nothing, so retrying it is safe.</summary>
    public static GatewayError Overloaded() => new(503, "server_error", OverloadedCode,
        "The gateway is serving as many requests as it can at once. Retry in a moment.");

    /// <summary>503: the database that holds balances, key spend and x402 authorizations cannot be reached, and this
    /// request needs it. Sent with <c>Retry-After</c>; nothing went upstream and no money moved for it.</summary>
    public static GatewayError DatabaseUnavailable() => new(503, "server_error", "database_unavailable",
        "The gateway cannot reach its database to check this request's balance, limits or payment, so it was not served "
        + "and nothing was charged for it. Retry in a moment.")
    {
        RetryAfter = TimeSpan.FromSeconds(5),
    };

    /// <summary>403: the key may not use this model.</summary>
    public static GatewayError ModelNotAllowed(string model) => new(403, "permission_error", "model_not_allowed",
        $"This API key is not allowed to use the model '{model}'.", "model");

    /// <summary>404: no such model.</summary>
    public static GatewayError ModelNotFound(string model) => new(404, "invalid_request_error", "model_not_found",
        $"The model '{model}' does not exist or is not served by this gateway.", "model");

    /// <summary>413: the body is over the configured limit.</summary>
    public static GatewayError BodyTooLarge(long limit) => new(413, "invalid_request_error", "request_too_large",
        $"The request body is larger than this gateway accepts ({limit} bytes).");

    /// <summary>408: the body came slower than the gateway's minimum data rate (<c>server.minRequestBodyBytesPerSecond</c>).</summary>
    public static GatewayError BodyTimeout() => new(408, "invalid_request_error", "request_timeout",
        "The request body arrived too slowly; send it at once.");

    /// <summary>502: the provider's answer is larger than the gateway buffers (<c>server.maxUpstreamResponseBytes</c>).</summary>
    public static GatewayError UpstreamResponseTooLarge(string provider, long limit) => new(502, "server_error", "upstream_response_too_large",
        $"The provider '{provider}' answered with more than the {limit} bytes this gateway accepts.");

    /// <summary>502: the provider could not be reached.</summary>
    public static GatewayError UpstreamUnreachable(string provider) => new(502, "server_error", "upstream_unreachable",
        $"The provider '{provider}' could not be reached.");

    /// <summary>502: the provider failed.</summary>
    public static GatewayError UpstreamFailed(string provider, string detail) => new(502, "server_error", "upstream_error",
        $"The provider '{provider}' failed: {detail}");

    /// <summary>504: the provider did not answer in time.</summary>
    public static GatewayError UpstreamTimeout(string provider, string which) => new(504, "server_error", "upstream_timeout",
        $"The provider '{provider}' did not answer within the {which} timeout.");
}
