namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>
/// An area's metrics whose series are known before anything happens, their labels all from the configuration or a fixed
/// list (a failover from each provider, shedding's reasons, x402's failure codes): they are published at zero when the
/// node starts, so that a rate or an alert on them works from the first scrape rather than from the first event.
/// </summary>
public interface IMetricSeriesSeed
{
    /// <summary>Adds zero to each known series.</summary>
    void Seed();
}
