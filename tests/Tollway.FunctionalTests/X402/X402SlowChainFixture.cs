namespace Tollway.FunctionalTests.X402;

/// <summary>The x402 gateway on a chain whose payments count at depth 2 and must be final within 2 s: on an anvil chain
/// that mines only when asked, a settlement is sent and mined but not final in time.</summary>
public sealed class X402SlowChainFixture : X402Fixture
{
    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Chains:local:Confirmations"] = "2";
        configuration["X402:SettlementTimeout"] = "00:00:02";
        return configuration;
    }
}
