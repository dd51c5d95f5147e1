namespace Tollway.Testing.Chain;

/// <summary>How an <see cref="RpcStub"/> fails a call on purpose: the ways real providers fail.</summary>
public enum RpcFault
{
    /// <summary>HTTP 503, no body.</summary>
    ServiceUnavailable,

    /// <summary>HTTP 429, no body.</summary>
    TooManyRequests,

    /// <summary>The connection dropped without an answer.</summary>
    Dropped,
}
