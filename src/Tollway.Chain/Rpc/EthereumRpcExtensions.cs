using System.Text.Json;

namespace Tollway.Chain.Rpc;

/// <summary>The typed JSON-RPC calls Tollway makes, over any <see cref="IEthereumRpc"/>.</summary>
public static class EthereumRpcExtensions
{
    /// <summary><c>eth_chainId</c>.</summary>
    public static async Task<long> GetChainIdAsync(this IEthereumRpc rpc, CancellationToken cancellationToken) =>
        HexNumbers.ToInt64((await rpc.SendAsync("eth_chainId", null, cancellationToken)).GetString()!);

    /// <summary><c>eth_blockNumber</c>: the head.</summary>
    public static async Task<long> GetBlockNumberAsync(this IEthereumRpc rpc, CancellationToken cancellationToken) =>
        HexNumbers.ToInt64((await rpc.SendAsync("eth_blockNumber", null, cancellationToken)).GetString()!);

    /// <summary><c>eth_getBlockByNumber</c> without transactions; <see langword="null"/> when the node has no such block.</summary>
    public static Task<RpcBlock?> GetBlockAsync(this IEthereumRpc rpc, long number, CancellationToken cancellationToken) =>
        rpc.GetBlockAsync(HexNumbers.ToQuantity(number), cancellationToken);

    /// <summary><c>eth_getBlockByNumber</c> for a number (as a quantity) or a tag (<see cref="BlockTag"/>).</summary>
    public static async Task<RpcBlock?> GetBlockAsync(this IEthereumRpc rpc, string numberOrTag, CancellationToken cancellationToken)
    {
        var result = await rpc.SendAsync("eth_getBlockByNumber", w =>
        {
            w.WriteStringValue(numberOrTag);
            w.WriteBooleanValue(false);
        }, cancellationToken);
        if (result.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new RpcBlock(
            HexNumbers.ToInt64(result.GetProperty("number").GetString()!),
            Lower(result.GetProperty("hash")),
            Lower(result.GetProperty("parentHash")),
            HexNumbers.ToInt64(result.GetProperty("timestamp").GetString()!));
    }

    /// <summary><c>eth_getLogs</c> over an inclusive block range.</summary>
    public static async Task<IReadOnlyList<RpcLog>> GetLogsAsync(this IEthereumRpc rpc, LogFilter filter, CancellationToken cancellationToken)
    {
        var result = await rpc.SendAsync("eth_getLogs", w =>
        {
            w.WriteStartObject();
            w.WriteString("fromBlock", HexNumbers.ToQuantity(filter.FromBlock));
            w.WriteString("toBlock", HexNumbers.ToQuantity(filter.ToBlock));
            w.WriteStartArray("address");
            foreach (var address in filter.Addresses)
            {
                w.WriteStringValue(address);
            }

            w.WriteEndArray();
            w.WriteStartArray("topics");
            foreach (var position in filter.Topics)
            {
                if (position is null || position.Count == 0)
                {
                    w.WriteNullValue();
                    continue;
                }

                w.WriteStartArray();
                foreach (var topic in position)
                {
                    w.WriteStringValue(topic);
                }

                w.WriteEndArray();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }, cancellationToken);

        var logs = new List<RpcLog>(result.GetArrayLength());
        foreach (var log in result.EnumerateArray())
        {
            logs.Add(ReadLog(log));
        }

        return logs;
    }

    /// <summary><c>eth_getBlockReceipts</c>: every log of a block, from its transactions' receipts, in order.</summary>
    /// <exception cref="InvalidOperationException">The node has no such block.</exception>
    public static async Task<IReadOnlyList<RpcLog>> GetBlockLogsAsync(this IEthereumRpc rpc, long number, CancellationToken cancellationToken)
    {
        var receipts = await rpc.SendAsync("eth_getBlockReceipts", w => w.WriteStringValue(HexNumbers.ToQuantity(number)), cancellationToken);
        if (receipts.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException($"The node has no receipts of block {number}.");
        }

        return [.. receipts.EnumerateArray().SelectMany(r => r.GetProperty("logs").EnumerateArray()).Select(ReadLog)];
    }

    /// <summary>One log object, as <c>eth_getLogs</c> and transaction receipts give them.</summary>
    public static RpcLog ReadLog(JsonElement log) => new(
        Lower(log.GetProperty("address")),
        [.. log.GetProperty("topics").EnumerateArray().Select(Lower)],
        Lower(log.GetProperty("data")),
        HexNumbers.ToInt64(log.GetProperty("blockNumber").GetString()!),
        Lower(log.GetProperty("blockHash")),
        Lower(log.GetProperty("transactionHash")),
        checked((int)HexNumbers.ToInt64(log.GetProperty("logIndex").GetString()!)),
        log.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.True);

    /// <summary><c>eth_call</c>: runs a contract call without a transaction; returns the hex return data.</summary>
    public static async Task<string> CallAsync(this IEthereumRpc rpc, string to, string data, string block, CancellationToken cancellationToken)
    {
        var result = await rpc.SendAsync("eth_call", w =>
        {
            w.WriteStartObject();
            w.WriteString("to", to);
            w.WriteString("data", data);
            w.WriteEndObject();
            w.WriteStringValue(block);
        }, cancellationToken);
        return Lower(result);
    }

    /// <summary><c>eth_getCode</c>: the contract code at an address (<c>0x</c> for a plain wallet).</summary>
    public static async Task<string> GetCodeAsync(this IEthereumRpc rpc, string address, string block, CancellationToken cancellationToken)
    {
        var result = await rpc.SendAsync("eth_getCode", w =>
        {
            w.WriteStringValue(address);
            w.WriteStringValue(block);
        }, cancellationToken);
        return Lower(result);
    }

    /// <summary><c>eth_sendRawTransaction</c>: broadcasts a signed transaction; returns its hash.</summary>
    public static async Task<string> SendRawTransactionAsync(this IEthereumRpc rpc, string signedTransaction, CancellationToken cancellationToken) =>
        Lower(await rpc.SendAsync("eth_sendRawTransaction", w => w.WriteStringValue(signedTransaction), cancellationToken));

    /// <summary><c>eth_getTransactionReceipt</c> as raw JSON; <see langword="null"/> while the transaction is not mined.</summary>
    public static async Task<JsonElement?> GetTransactionReceiptAsync(this IEthereumRpc rpc, string transactionHash, CancellationToken cancellationToken)
    {
        var result = await rpc.SendAsync("eth_getTransactionReceipt", w => w.WriteStringValue(transactionHash), cancellationToken);
        return result.ValueKind == JsonValueKind.Object ? result : null;
    }

    private static string Lower(JsonElement element) => element.GetString()!.ToLowerInvariant();
}
