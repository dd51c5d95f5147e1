using System.Globalization;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;

namespace Tollway.Chain.Deposits;

/// <summary>
/// One ERC-20 transfer to the treasury, identified by (chain, transaction, log index) for ever: the same transfer seen
/// twice (a re-scan, a restart) is the same row and the same ledger reference, so it is credited once.
/// </summary>
/// <param name="ChainId">The EIP-155 chain id.</param>
/// <param name="TransactionHash">Lower-case hex.</param>
/// <param name="LogIndex">The log's index in its block.</param>
/// <param name="BlockNumber">The block it was seen in.</param>
/// <param name="BlockHash">That block's hash when seen (a reorg changes it).</param>
/// <param name="Token">The token contract, lower case.</param>
/// <param name="Sender">The wallet the tokens came from: it attributes the deposit.</param>
/// <param name="RawAmount">The token's base units, as decimal text (a uint256).</param>
/// <param name="Amount">The nano-USD it is worth, exactly (rounded down to the nano).</param>
/// <param name="Dust">Base units below one nano-USD, as decimal text: kept, never credited or rounded.</param>
/// <param name="Status">Pending, credited, unclaimed or removed.</param>
/// <param name="AccountId">The account credited (or to be), once the sender's account is known.</param>
/// <param name="SeenAt">When the watcher first saw it.</param>
/// <param name="ConfirmedAt">When it reached depth (credited or left unclaimed).</param>
/// <param name="AuthorizationNonce">The EIP-3009 nonce (<c>0x</c> + 64 hex digits) when the transfer was made by a
/// <c>transferWithAuthorization</c> of <see cref="Sender"/>: an x402 payment, credited under the x402 reference.</param>
public sealed record Deposit(
    long ChainId,
    string TransactionHash,
    int LogIndex,
    long BlockNumber,
    string BlockHash,
    string Token,
    WalletAddress Sender,
    string RawAmount,
    long Amount,
    string Dust,
    DepositStatus Status,
    string? AccountId,
    DateTimeOffset SeenAt,
    DateTimeOffset? ConfirmedAt,
    string? AuthorizationNonce = null)
{
    /// <summary>
    /// The ledger reference of its credit: <c>deposit:CHAIN:TX:LOG</c>, or for an EIP-3009 transfer the reference the
    /// x402 gate credits the same payment under, so whichever of the gate and the watcher comes second changes nothing.
    /// </summary>
    public string Reference => AuthorizationNonce is null
        ? string.Create(CultureInfo.InvariantCulture, $"deposit:{ChainId}:{TransactionHash}:{LogIndex}")
        : new X402AuthorizationKey(ChainId, Token, Sender.Value, AuthorizationNonce).LedgerReference;
}
