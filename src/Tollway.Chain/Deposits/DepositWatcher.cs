using Tollway.Chain.Chains;
using Tollway.Chain.Diagnostics;

namespace Tollway.Chain.Deposits;

/// <summary>
/// The background service that runs a <see cref="DepositScanner"/> for every chain with a treasury: step after step
/// while catching up, then once per poll interval. A failed step (the RPC down past its own retries, the database
/// busy) is retried with doubling backoff up to a minute; the cursor never moves past a range that failed.
/// </summary>
internal sealed class DepositWatcher(
    ChainRegistry chains, DepositScannerFactory scanners, DepositWatchStatus status, TimeProvider timeProvider, ILogger<DepositWatcher> logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(chains.All.Where(c => c.Treasury is not null).Select(c => WatchAsync(scanners.Create(c), stoppingToken)));

    private async Task WatchAsync(DepositScanner scanner, CancellationToken stoppingToken)
    {
        var name = scanner.Chain.Name;
        status.Started(name, timeProvider.GetUtcNow());
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var caughtUp = await scanner.ScanOnceAsync(stoppingToken);
                status.Succeeded(name, scanner.Head, scanner.NextBlock, timeProvider.GetUtcNow());
                backoff = FirstBackoff;
                if (caughtUp)
                {
                    await Task.Delay(scanner.Chain.PollInterval, timeProvider, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                status.Failed(name, error.GetType().Name, timeProvider.GetUtcNow());
                Log.ScanFailed(logger, scanner.Chain.ChainId, backoff, error.GetType().Name, error.Message);
                try
                {
                    await Task.Delay(backoff, timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }
}
