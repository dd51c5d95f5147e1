namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway with the scrape on a listener of its own (<see cref="MetricsUrl"/>) and a bearer token configured.</summary>
public sealed class MetricsPortFixture : GatewayFixture
{
    public const string BearerToken = "scrape-token-7f3a9c0b";

    public int MetricsPort { get; } = TollwayProcess.FreePort();

    public Uri MetricsUrl => new($"http://127.0.0.1:{MetricsPort}");

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Telemetry:Metrics:Urls"] = MetricsUrl.ToString();
        configuration["Telemetry:Metrics:BearerToken"] = BearerToken;
        return configuration;
    }
}
