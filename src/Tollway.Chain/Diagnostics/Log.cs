
namespace Tollway.Chain.Diagnostics;

/// <summary>Every log message of the chain module (event ids 7000–7999, and 8000–8999 for x402). Never an RPC URL, a key or a signature.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "Chain {ChainId}: {Method} failed on RPC URL #{UrlIndex} (attempt {Attempt} of {MaxAttempts}): {ErrorType}: {Error}")]
    public static partial void RpcAttemptFailed(ILogger logger, long chainId, string method, int urlIndex, int attempt, int maxAttempts, string errorType, string error);

    [LoggerMessage(7010, LogLevel.Information, "Chain {ChainId}: deposit {TransactionHash}#{LogIndex} of {Amount} nano-USD credited to {AccountId}")]
    public static partial void DepositCredited(ILogger logger, long chainId, string transactionHash, int logIndex, long amount, string accountId);

    [LoggerMessage(7011, LogLevel.Information, "Chain {ChainId}: deposit {TransactionHash}#{LogIndex} of {Amount} nano-USD kept unclaimed until its sender signs in")]
    public static partial void DepositUnclaimed(ILogger logger, long chainId, string transactionHash, int logIndex, long amount);

    [LoggerMessage(7012, LogLevel.Information, "Chain {ChainId}: deposit {TransactionHash}#{LogIndex} seen in block {BlockNumber}, pending until depth")]
    public static partial void DepositSeen(ILogger logger, long chainId, string transactionHash, int logIndex, long blockNumber);

    [LoggerMessage(7013, LogLevel.Warning, "Chain {ChainId}: reorganisation below block {BlockNumber}; rolled back from block {FromBlock}, {Removed} pending deposit(s) removed")]
    public static partial void ReorgRolledBack(ILogger logger, long chainId, long blockNumber, long fromBlock, int removed);

    [LoggerMessage(7014, LogLevel.Information, "Chain {ChainId}: catching up, scanned to block {Scanned} of {Head} ({Remaining} blocks to go)")]
    public static partial void CatchUpProgress(ILogger logger, long chainId, long scanned, long head, long remaining);

    [LoggerMessage(7015, LogLevel.Warning, "Chain {ChainId}: deposit scan failed, retrying in {Delay}: {ErrorType}: {Error}")]
    public static partial void ScanFailed(ILogger logger, long chainId, TimeSpan delay, string errorType, string error);

    [LoggerMessage(7016, LogLevel.Information, "Chain {ChainId}: deposit watcher starting at block {Block} for treasury {Treasury}")]
    public static partial void WatcherStarting(ILogger logger, long chainId, long block, string treasury);

    [LoggerMessage(7017, LogLevel.Error, "Chain {ChainId}: a transfer in {TransactionHash}#{LogIndex} could not be read and was skipped: {Error}")]
    public static partial void TransferUnreadable(ILogger logger, long chainId, string transactionHash, int logIndex, string error);

    [LoggerMessage(7020, LogLevel.Information, "Wallet {Wallet} signed in to account {AccountId} (new account: {Created}; {Claimed} nano-USD of deposits claimed)")]
    public static partial void SignedIn(ILogger logger, string wallet, string accountId, bool created, long claimed);

    [LoggerMessage(7021, LogLevel.Information, "Sign-in refused: {Failure}")]
    public static partial void SignInRefused(ILogger logger, string failure);

    [LoggerMessage(7040, LogLevel.Information, "Chain {ChainId}: the node refused the logs of blocks {FromBlock}–{ToBlock} as too many; asking for {Size} blocks at a time: {Error}")]
    public static partial void LogRangeRefused(ILogger logger, long chainId, long fromBlock, long toBlock, int size, string error);

    [LoggerMessage(7041, LogLevel.Warning, "Chain {ChainId}: the node refused the logs of block {Block} alone as too many; reading them from the block's receipts: {Error}")]
    public static partial void LogBlockReadFromReceipts(ILogger logger, long chainId, long block, string error);

    [LoggerMessage(8001, LogLevel.Information, "x402 payment of {Amount} units from {Payer} on chain {ChainId} settled in {Transaction}; credited {Credit} nano-USD to {AccountId}")]
    public static partial void X402Settled(ILogger logger, string amount, string payer, long chainId, string transaction, long credit, string accountId);

    [LoggerMessage(8002, LogLevel.Warning, "x402 payment from {Payer} on chain {ChainId} refused: {Reason}")]
    public static partial void X402Refused(ILogger logger, string payer, long chainId, string reason);

    [LoggerMessage(8003, LogLevel.Error, "x402 settlement from {Payer} on chain {ChainId} failed: {Detail}")]
    public static partial void X402SettlementFailed(ILogger logger, string payer, long chainId, string detail);

    [LoggerMessage(8004, LogLevel.Critical, "x402 payment {Reference} settled in {Transaction} but its credit was refused by the ledger ({Outcome})")]
    public static partial void X402CreditFailed(ILogger logger, string reference, string transaction, string outcome);

    [LoggerMessage(8005, LogLevel.Warning, "x402 payment checks could not reach the chain or facilitator")]
    public static partial void X402CheckUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(8101, LogLevel.Error, "x402 transfer {Transaction} on chain {ChainId} was sent but not confirmed in time; its claim is kept, and a retry of the payment credits it once it is final")]
    public static partial void X402SettlementUnconfirmed(ILogger logger, string transaction, long chainId);
}
