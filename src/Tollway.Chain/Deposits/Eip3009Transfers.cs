using Nethereum.Util;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>
/// Tells which transfers to the treasury were made by an EIP-3009 <c>transferWithAuthorization</c> (an x402 payment,
/// settled by the gateway's relayer, a facilitator or anyone holding the signed authorization), and with which nonce.
/// Such a token (USDC's FiatToken, the project's test token) marks the authorization used, emitting
/// <c>AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)</c>, and then moves the tokens: the
/// <c>Transfer</c> is the log right after it in the same transaction, from the same contract and the same authorizer.
/// </summary>
/// <remarks>
/// The answer decides the ledger reference a deposit is credited under, and the x402 gate credits the same payment under
/// the x402 one: a transfer wrongly found plain would be credited twice. So it is read from the transaction's own
/// receipt, which holds every log of the transaction or is not given at all, and the receipt must hold the very transfer
/// that was listed, in the same block: a node that is behind, or on another fork, or that fails, makes the scan fail and
/// be tried again, never answers "no authorization". No filter names the senders, so nothing grows with them.
/// </remarks>
public static class Eip3009Transfers
{
    /// <summary>keccak256 of <c>AuthorizationUsed(address,bytes32)</c>: topic 0 of the event.</summary>
    public static readonly string AuthorizationUsedTopic = "0x" + Sha3Keccack.Current.CalculateHash("AuthorizationUsed(address,bytes32)");

    /// <summary>
    /// The authorization nonce (<c>0x</c> + 64 lower-case hex digits) of each transfer that carries one, keyed by
    /// (transaction, log index). Asks for one receipt per transaction among the transfers of tokens that take
    /// authorizations (the others cannot be x402 payments); asks nothing when there are none.
    /// </summary>
    /// <exception cref="InvalidOperationException">A receipt is missing or does not hold the transfer as listed.</exception>
    public static async Task<IReadOnlyDictionary<(string Transaction, int LogIndex), string>> FindNoncesAsync(
        IEthereumRpc rpc, IEnumerable<TreasuryTransfer> transfers, CancellationToken cancellationToken)
    {
        var nonces = new Dictionary<(string, int), string>();
        foreach (var transaction in transfers.Where(t => t.Token.SupportsAuthorizations).GroupBy(t => t.Log.TransactionHash))
        {
            var logs = await ReceiptLogsAsync(rpc, transaction.First().Log, cancellationToken);
            foreach (var transfer in transaction)
            {
                if (!logs.TryGetValue(transfer.Log.LogIndex, out var listed) || !SameLog(listed, transfer.Log))
                {
                    throw new InvalidOperationException(
                        $"The receipt of {transfer.Log.TransactionHash} does not hold the transfer listed at log {transfer.Log.LogIndex}.");
                }

                if (logs.TryGetValue(transfer.Log.LogIndex - 1, out var before) && NonceOf(before, transfer) is { } nonce)
                {
                    nonces[(transfer.Log.TransactionHash, transfer.Log.LogIndex)] = nonce;
                }
            }
        }

        return nonces;
    }

    /// <summary>The receipt's logs by index, once it is certain the receipt is of the block the transfer was listed in.</summary>
    private static async Task<Dictionary<int, RpcLog>> ReceiptLogsAsync(IEthereumRpc rpc, RpcLog transfer, CancellationToken cancellationToken)
    {
        var receipt = await rpc.GetTransactionReceiptAsync(transfer.TransactionHash, cancellationToken)
            ?? throw new InvalidOperationException($"The node has no receipt of {transfer.TransactionHash}, whose transfer it listed in block {transfer.BlockNumber}.");
        var blockHash = receipt.GetProperty("blockHash").GetString()?.ToLowerInvariant();
        if (blockHash != transfer.BlockHash)
        {
            throw new InvalidOperationException($"The receipt of {transfer.TransactionHash} is of block {blockHash}, not {transfer.BlockHash} where the transfer was listed.");
        }

        var logs = new Dictionary<int, RpcLog>();
        foreach (var log in receipt.GetProperty("logs").EnumerateArray())
        {
            var read = EthereumRpcExtensions.ReadLog(log);
            logs[read.LogIndex] = read;
        }

        return logs;
    }

    /// <summary>The nonce when <paramref name="log"/> is the token's <c>AuthorizationUsed</c> by the transfer's sender.</summary>
    private static string? NonceOf(RpcLog log, TreasuryTransfer transfer) =>
        log.Topics.Count == 3 && string.Equals(log.Topics[0], AuthorizationUsedTopic, StringComparison.OrdinalIgnoreCase)
        && string.Equals(log.Address, transfer.Log.Address, StringComparison.OrdinalIgnoreCase)
        && WalletAddress.TryParse("0x" + log.Topics[1][^40..], out var authorizer) && authorizer == transfer.From
        && log.Topics[2].Length == 66
            ? log.Topics[2].ToLowerInvariant()
            : null;

    private static bool SameLog(RpcLog a, RpcLog b) =>
        a.Address == b.Address && a.Data == b.Data && a.Topics.SequenceEqual(b.Topics, StringComparer.Ordinal);
}
