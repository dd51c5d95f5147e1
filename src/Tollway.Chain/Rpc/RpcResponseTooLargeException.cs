namespace Tollway.Chain.Rpc;

/// <summary>
/// An RPC URL answered more than <see cref="FailoverRpcClient.MaxResponseBytes"/>: a hostile or broken endpoint, or a
/// log query too wide. Reading stopped at the limit. A log query is asked again over fewer blocks (see
/// <see cref="LogRangeRefusals"/>); any other call is tried on the next URL.
/// </summary>
public sealed class RpcResponseTooLargeException(string method, long limit)
    : Exception($"{method}: the RPC answer was larger than the {limit} bytes the gateway reads.")
{
    /// <summary>The JSON-RPC method called.</summary>
    public string Method { get; } = method;
}
