using Microsoft.Extensions.Logging;

namespace Tollway.Chain.Diagnostics;

/// <summary>Every log message of the chain module (event ids 7000–7999). Never an RPC URL, a key or a signature.</summary>
internal static partial class Log
{
    [LoggerMessage(7001, LogLevel.Warning, "Chain {ChainId}: {Method} failed on RPC URL #{UrlIndex} (attempt {Attempt} of {MaxAttempts}): {ErrorType}: {Error}")]
    public static partial void RpcAttemptFailed(ILogger logger, long chainId, string method, int urlIndex, int attempt, int maxAttempts, string errorType, string error);

    [LoggerMessage(8101, LogLevel.Error, "x402 transfer {Transaction} on chain {ChainId} was sent but not confirmed in time; its claim is kept, and a retry of the payment credits it once it is final")]
    public static partial void X402SettlementUnconfirmed(ILogger logger, string transaction, long chainId);
}
