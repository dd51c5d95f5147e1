using Tollway.Gateway.Errors;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>How an attempt ended: the request is finished (answered, or failed for good with the error to answer), or
/// how to go on: the provider's <c>Retry-After</c>, and whether to try the same endpoint at once with another of its
/// keys.</summary>
internal readonly record struct AttemptResult(TimeSpan RetryAfter, bool RotateKey)
{
    /// <summary>Whether the request is finished: nothing more is sent.</summary>
    public bool Finished { get; private init; }

    /// <summary>The error to answer a request that failed for good; <see langword="null"/> when it is answered (or its
    /// client left).</summary>
    public GatewayError? Failure { get; private init; }

    public static AttemptResult Answered { get; } = new(TimeSpan.Zero, RotateKey: false) { Finished = true };

    public static AttemptResult Failed(GatewayError error) => new(TimeSpan.Zero, RotateKey: false) { Finished = true, Failure = error };
}
