using System.Text.Json.Serialization;

namespace Tollway.Gateway.Api.Admin;

/// <summary>One endpoint's health on the node that answers.</summary>
public sealed record EndpointHealthResponse(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("latency_ms")] double? LatencyMs,
    [property: JsonPropertyName("tokens_per_second")] double? TokensPerSecond,
    [property: JsonPropertyName("requests_in_window")] int RequestsInWindow,
    [property: JsonPropertyName("error_rate")] double ErrorRate,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("last_error_at")] DateTimeOffset? LastErrorAt);
