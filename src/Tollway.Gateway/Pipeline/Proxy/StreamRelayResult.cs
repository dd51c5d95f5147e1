using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>How a relayed stream ended. <see cref="Failure"/> says why it is incomplete, in words fit for the log, and
/// is <see langword="null"/> when the stream completed.</summary>
internal readonly record struct StreamRelayResult(TokenUsage? Usage, long BytesSent, bool ClientGone, string? Failure);
