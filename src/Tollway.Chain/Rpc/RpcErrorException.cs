namespace Tollway.Chain.Rpc;

/// <summary>The node answered with a JSON-RPC error object (a reverted call, a bad parameter, a range too large).</summary>
public sealed class RpcErrorException(string method, int code, string message)
    : Exception($"{method} failed with JSON-RPC error {code}: {message}")
{
    /// <summary>The JSON-RPC method called.</summary>
    public string Method { get; } = method;

    /// <summary>The error code (-32000 and below are the server's own).</summary>
    public int Code { get; } = code;

    /// <summary>The node's message, without the request.</summary>
    public string RpcMessage { get; } = message;
}
