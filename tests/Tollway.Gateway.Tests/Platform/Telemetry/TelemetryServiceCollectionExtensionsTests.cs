using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTollwayTelemetry_TwoHostsInOneProcess_EachCollectsOnlyItsOwnMeters()
    {
        using var first = new Host();
        using var second = new Host();

        first.Count(3);
        second.Count(40);

        Assert.Equal(3, first.Collect()["tollway.test.counted"]);
        Assert.Equal(40, second.Collect()["tollway.test.counted"]);
    }

    [Fact]
    public void AddTollwayTelemetry_TelemetryOff_RegistersNoMeterProvider()
    {
        var services = new ServiceCollection();
        services.AddTollwayTelemetry(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Telemetry:Enabled"] = "false" }).Build());

        using var provider = services.BuildServiceProvider();

        Assert.Null(provider.GetService<MeterProvider>());
    }

    /// <summary>A host's services with telemetry on, a counter made through its meter factory, and a reader to collect.</summary>
    private sealed class Host : IDisposable
    {
        private readonly CollectedMetricNames _exporter = new();
        private readonly ServiceProvider _services;
        private readonly Counter<long> _counter;

        public Host()
        {
            var services = new ServiceCollection();
            services.AddTollwayTelemetry(new ConfigurationBuilder().Build());
            services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddReader(new BaseExportingMetricReader(_exporter)));
            _services = services.BuildServiceProvider();
            _ = _services.GetRequiredService<MeterProvider>();
            _counter = _services.GetRequiredService<IMeterFactory>().Create(TollwayTelemetry.GatewayName).CreateCounter<long>("tollway.test.counted");
        }

        public void Count(long value) => _counter.Add(value);

        public Dictionary<string, long> Collect()
        {
            _services.GetRequiredService<MeterProvider>().ForceFlush();
            return _exporter.Sums;
        }

        public void Dispose() => _services.Dispose();
    }
}
