namespace Tollway.Chain.Rpc;

/// <summary>Every attempt at a call failed (network, timeout, HTTP 429/5xx, a garbled answer) on every configured URL.</summary>
public sealed class RpcUnavailableException(string method, int attempts, Exception? lastError)
    : Exception($"{method} failed after {attempts} attempts on every configured RPC URL: {lastError?.Message}", lastError)
{
    /// <summary>The JSON-RPC method called.</summary>
    public string Method { get; } = method;
}
