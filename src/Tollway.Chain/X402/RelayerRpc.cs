using System.Numerics;
using System.Text.Json;
using Tollway.Chain.Rpc;

namespace Tollway.Chain.X402;

/// <summary>The JSON-RPC calls a relayer makes beyond reading the chain: its nonce, the gas price, the gas a call needs.</summary>
internal static class RelayerRpc
{
    /// <summary><c>eth_getTransactionCount(address, "pending")</c>: the next nonce, counting transactions not mined yet.</summary>
    public static async Task<BigInteger> GetPendingNonceAsync(this IEthereumRpc rpc, string address, CancellationToken cancellationToken) =>
        HexNumbers.ToBigInteger((await rpc.SendAsync("eth_getTransactionCount", w =>
        {
            w.WriteStringValue(address);
            w.WriteStringValue("pending");
        }, cancellationToken)).GetString()!);

    /// <summary><c>eth_gasPrice</c>.</summary>
    public static async Task<BigInteger> GetGasPriceAsync(this IEthereumRpc rpc, CancellationToken cancellationToken) =>
        HexNumbers.ToBigInteger((await rpc.SendAsync("eth_gasPrice", null, cancellationToken)).GetString()!);

    /// <summary><c>eth_estimateGas</c> for a call from <paramref name="from"/>; a call that would revert is an <see cref="RpcErrorException"/>.</summary>
    public static async Task<BigInteger> EstimateGasAsync(this IEthereumRpc rpc, string from, string to, string data, CancellationToken cancellationToken) =>
        HexNumbers.ToBigInteger((await rpc.SendAsync("eth_estimateGas", w =>
        {
            w.WriteStartObject();
            w.WriteString("from", from);
            w.WriteString("to", to);
            w.WriteString("data", data);
            w.WriteEndObject();
        }, cancellationToken)).GetString()!);

    /// <summary>The block number and status (<c>true</c> = succeeded) of a mined transaction's receipt.</summary>
    public static (long Block, bool Succeeded) ReadReceipt(JsonElement receipt) =>
        (HexNumbers.ToInt64(receipt.GetProperty("blockNumber").GetString()!), receipt.GetProperty("status").GetString() == "0x1");
}
