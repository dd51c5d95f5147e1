using OpenTelemetry.Metrics;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>Publishes every <see cref="IMetricSeriesSeed"/>'s series at zero once the meter provider listens (a
/// measurement taken before it does is lost).</summary>
internal sealed class MetricSeriesSeeding(IServiceProvider services, IEnumerable<IMetricSeriesSeed> seeds) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService<MeterProvider>();
        foreach (var seed in seeds)
        {
            seed.Seed();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
