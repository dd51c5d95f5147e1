using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Access.Keys;

/// <summary>
/// Keeps <see cref="ApiKeyCache"/> in step with the store: a full load before the server accepts requests, then a
/// poll of the change feed every <see cref="Interval"/>, so a key revoked on any node stops working within a second.
/// </summary>
internal sealed class ApiKeyCacheRefresher(
    ApiKeyCache cache,
    IApiKeyStore store,
    TimeProvider timeProvider,
    ILogger<ApiKeyCacheRefresher> logger) : BackgroundService
{
    /// <summary>How often the change feed is read; half the one-second revocation promise.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    // Created at start rather than in ExecuteAsync (which .NET runs on the thread pool) so that the schedule begins
    // when the cache is loaded: a clock moved by one interval after start always triggers exactly one refresh.
    private PeriodicTimer? _timer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        cache.MarkLoaded();
        _timer = new PeriodicTimer(Interval, timeProvider);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Reads and applies every change since the cache's version.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var changes = await store.ReadChangesAsync(cache.Version, cancellationToken);
        if (changes.Count > 0)
        {
            cache.Apply(changes);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The refresher was not started.");
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The cache keeps serving what it has; the next tick tries again.
                Log.KeyCacheRefreshFailed(logger, ex);
            }
        }
    }
}
