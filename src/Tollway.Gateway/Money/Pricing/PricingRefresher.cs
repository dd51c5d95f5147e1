using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Money.Pricing;

/// <summary>Loads the price book before the server listens, then picks up other nodes' changes by polling the version.</summary>
internal sealed class PricingRefresher(
    PriceBookState state, IOptions<PriceBookOptions> options, TimeProvider timeProvider, ILogger<PricingRefresher> logger) : BackgroundService
{
    private PeriodicTimer? _timer;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await state.RefreshAsync(force: true, cancellationToken);
        _timer = new PeriodicTimer(options.Value.PricingRefresh, timeProvider);
        await base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("The refresher was not started.");
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await state.RefreshAsync(force: false, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PricingRefreshFailed(logger, ex);
            }
        }
    }
}
