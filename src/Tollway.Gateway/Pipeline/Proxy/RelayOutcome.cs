using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>How a response went to the client, for the request log (and, later, for billing).</summary>
internal readonly record struct RelayOutcome(int Status, TokenUsage? Usage, long ResponseBytes, string? ErrorCode);
