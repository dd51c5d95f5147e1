using Tollway.FunctionalTests.X402;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>The x402 gateway on anvil with its deposit watcher scanning from block 0 every 100 ms.</summary>
public sealed class ChainMetricsFixture : X402Fixture
{
    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Chains:local:StartBlock"] = "0";
        configuration["Chains:local:PollInterval"] = "00:00:00.100";
        return configuration;
    }
}
