using Nethereum.Util;
using Tollway.Chain.Rpc;
using Tollway.Gateway.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>
/// Tells which transfers to the treasury were made by an EIP-3009 <c>transferWithAuthorization</c> (an x402 payment,
/// settled by the gateway's relayer, a facilitator or anyone holding the signed authorization), and with which nonce.
/// Such a token (USDC's FiatToken, the project's test token) marks the authorization used, emitting
/// <c>AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)</c>, and then moves the tokens: the
/// <c>Transfer</c> is the log right after it in the same transaction, from the same contract and the same authorizer.
/// </summary>
public static class Eip3009Transfers
{
    /// <summary>keccak256 of <c>AuthorizationUsed(address,bytes32)</c>: topic 0 of the event.</summary>
    public static readonly string AuthorizationUsedTopic = "0x" + Sha3Keccack.Current.CalculateHash("AuthorizationUsed(address,bytes32)");

    /// <summary>
    /// The authorization nonce (<c>0x</c> + 64 lower-case hex digits) of each transfer log that carries one, keyed by
    /// (transaction, log index). Asks the node once, for the <c>AuthorizationUsed</c> logs of the transfers' senders
    /// on the transfers' tokens and blocks; asks nothing when there are no transfers.
    /// </summary>
    public static async Task<IReadOnlyDictionary<(string Transaction, int LogIndex), string>> FindNoncesAsync(
        IEthereumRpc rpc, IReadOnlyList<RpcLog> transfers, CancellationToken cancellationToken)
    {
        var senders = new Dictionary<(string Transaction, int LogIndex), (RpcLog Log, WalletAddress From)>();
        foreach (var log in transfers.Where(l => !l.Removed))
        {
            if (Erc20Transfers.TryRead(log, out var from, out _, out _))
            {
                senders[(log.TransactionHash, log.LogIndex)] = (log, from);
            }
        }

        if (senders.Count == 0)
        {
            return new Dictionary<(string, int), string>();
        }

        var logs = senders.Values.Select(s => s.Log).ToList();
        var used = await rpc.GetLogsAsync(
            new LogFilter(
                logs.Min(l => l.BlockNumber), logs.Max(l => l.BlockNumber), [.. logs.Select(l => l.Address).Distinct(StringComparer.OrdinalIgnoreCase)],
                [[AuthorizationUsedTopic], [.. senders.Values.Select(s => Erc20Transfers.AddressTopic(s.From)).Distinct(StringComparer.Ordinal)]]),
            cancellationToken);

        var nonces = new Dictionary<(string, int), string>();
        foreach (var authorization in used.Where(l => !l.Removed && l.Topics.Count == 3 && string.Equals(l.Topics[0], AuthorizationUsedTopic, StringComparison.OrdinalIgnoreCase)))
        {
            if (senders.TryGetValue((authorization.TransactionHash, authorization.LogIndex + 1), out var transfer)
                && string.Equals(transfer.Log.Address, authorization.Address, StringComparison.OrdinalIgnoreCase)
                && WalletAddress.TryParse("0x" + authorization.Topics[1][^40..], out var authorizer) && authorizer == transfer.From
                && authorization.Topics[2].Length == 66)
            {
                nonces[(authorization.TransactionHash, authorization.LogIndex + 1)] = authorization.Topics[2].ToLowerInvariant();
            }
        }

        return nonces;
    }
}
