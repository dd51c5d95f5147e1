using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Tollway.Gateway.Tests.Platform.Telemetry;

/// <summary>An exporter that keeps the long counters its meter provider collected, by name, with their sums.</summary>
internal sealed class CollectedMetricNames : BaseExporter<Metric>
{
    public Dictionary<string, long> Sums { get; } = [];

    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            if (metric.MetricType != MetricType.LongSum)
            {
                continue;
            }

            long sum = 0;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                sum += point.GetSumLong();
            }

            Sums[metric.Name] = sum;
        }

        return ExportResult.Success;
    }
}
