using Tollway.Chain.Diagnostics;

namespace Tollway.Chain.Rpc;

/// <summary>Reads logs from a block onwards in as large a range as the node answers (see <see cref="AdaptiveBlockRange"/>).</summary>
public static class AdaptiveLogReader
{
    /// <summary>
    /// The logs of <paramref name="filter"/> from <paramref name="from"/> up to at most <paramref name="until"/>, over
    /// the widest range the node takes: a range refused as too large (or whose answer is larger than the gateway reads)
    /// is asked again at half its span, at once. A single block refused (more logs than the node lists at once: a block
    /// stuffed with spam transfers) is read from its receipts instead, so no block can stop the scan. Returns the logs
    /// and the last block they cover.
    /// </summary>
    public static async Task<(IReadOnlyList<RpcLog> Logs, long ToBlock)> GetLogsFromAsync(
        this IEthereumRpc rpc, AdaptiveBlockRange range, long from, long until, Func<long, long, LogFilter> filter, ILogger logger,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var to = Math.Min(until, from + range.Size - 1);
            try
            {
                var logs = await rpc.GetLogsAsync(filter(from, to), cancellationToken);
                range.Answered();
                return (logs, to);
            }
            catch (Exception error) when (LogRangeRefusals.IsRangeTooLarge(error, out var reason))
            {
                if (!range.Shrink(to - from + 1))
                {
                    Log.LogBlockReadFromReceipts(logger, rpc.ChainId, from, reason);
                    var wanted = filter(from, to);
                    return ([.. (await rpc.GetBlockLogsAsync(from, cancellationToken)).Where(wanted.Matches)], to);
                }

                Log.LogRangeRefused(logger, rpc.ChainId, from, to, range.Size, reason);
            }
        }
    }
}
