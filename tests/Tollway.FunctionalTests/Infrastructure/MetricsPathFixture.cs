namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway with the scrape moved to <see cref="Path"/>.</summary>
public sealed class MetricsPathFixture : GatewayFixture
{
    public const string Path = "/internal/prometheus";

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Telemetry:Metrics:Path"] = Path;
        return configuration;
    }
}
