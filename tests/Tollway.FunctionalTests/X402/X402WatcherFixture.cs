namespace Tollway.FunctionalTests.X402;

/// <summary>
/// The x402 gateway with the deposit watcher scanning the very treasury x402 pays (the normal deployment), from block
/// 0 and every 100 ms, so each x402 payment is also seen as a transfer to the treasury.
/// </summary>
public sealed class X402WatcherFixture : X402Fixture
{
    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Chains:local:StartBlock"] = "0";
        configuration["Chains:local:PollInterval"] = "00:00:00.100";
        return configuration;
    }
}
