namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>The gateway with <c>Telemetry:Enabled=false</c>.</summary>
public sealed class TelemetryOffFixture : GatewayFixture
{
    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Telemetry:Enabled"] = "false";
        return configuration;
    }
}
