using System.Text.Json;

namespace Tollway.Chain.Rpc;

/// <summary>
/// A JSON-RPC connection to one chain. The implementation fails over between the chain's URLs and retries transient
/// failures with backoff, so a caller sees either a result, the node's own error (<see cref="RpcErrorException"/>),
/// or, after every attempt failed, <see cref="RpcUnavailableException"/>. Typed calls are extension methods
/// (<see cref="EthereumRpcExtensions"/>).
/// </summary>
public interface IEthereumRpc
{
    /// <summary>The chain this connection talks to.</summary>
    long ChainId { get; }

    /// <summary>
    /// Calls <paramref name="method"/>; <paramref name="writeParams"/> writes the elements of the <c>params</c> array
    /// (the array itself is written around them). Returns the <c>result</c> (detached from the response buffer).
    /// </summary>
    Task<JsonElement> SendAsync(string method, Action<Utf8JsonWriter>? writeParams, CancellationToken cancellationToken);
}
