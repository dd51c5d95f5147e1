namespace Tollway.Gateway.Proxy;

/// <summary>How a relayed stream ended.</summary>
internal readonly record struct StreamRelayResult(TokenUsage? Usage, long BytesSent, bool ClientGone, Exception? Failure);
