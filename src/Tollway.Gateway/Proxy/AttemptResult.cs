namespace Tollway.Gateway.Proxy;

/// <summary>How to go on after a failed attempt: the provider's <c>Retry-After</c>, and whether to try the same endpoint
/// at once with another of its keys.</summary>
internal readonly record struct AttemptResult(TimeSpan RetryAfter, bool RotateKey);
