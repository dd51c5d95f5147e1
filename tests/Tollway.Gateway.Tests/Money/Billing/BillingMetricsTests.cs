using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Tests.Platform.Telemetry;

namespace Tollway.Gateway.Tests.Money.Billing;

public sealed class BillingMetricsTests
{
    private static ChargeRecord Charge => new()
    {
        RequestId = "gen-1",
        AccountId = "acct_secret",
        KeyId = "key_secret",
        Model = "m",
        Provider = "p",
        UpstreamModel = "up",
        PromptTokens = 100,
        CompletionTokens = 20,
        CachedTokens = 40,
        CacheWriteTokens = 7,
        ReasoningTokens = 5,
        ProviderCost = 123_456,
        Markup = 15_432,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Charged_OneCharge_CountsEachTokenTypeAndBothCostPartsExactly()
    {
        using var recorded = new RecordedMeasurements();
        var metrics = new BillingMetrics(recorded.Factory);

        metrics.Charged(Charge);
        metrics.Charged(Charge);

        Assert.Equal(200, recorded.Sum("tollway.tokens", ("type", "input"), ("model", "m"), ("provider", "p")));
        Assert.Equal(40, recorded.Sum("tollway.tokens", ("type", "output")));
        Assert.Equal(80, recorded.Sum("tollway.tokens", ("type", "cached")));
        Assert.Equal(10, recorded.Sum("tollway.tokens", ("type", "reasoning")));
        Assert.Equal(14, recorded.Sum("tollway.tokens", ("type", "cache_write")));
        Assert.Equal(246_912, recorded.Sum("tollway.cost.nano_usd", ("part", "provider")));
        Assert.Equal(30_864, recorded.Sum("tollway.cost.nano_usd", ("part", "markup")));
    }

    [Fact]
    public void ObserveQueue_Observed_ReportsTheDepthNow()
    {
        using var recorded = new RecordedMeasurements();
        var depth = 3;
        new BillingMetrics(recorded.Factory).ObserveQueue(() => depth);

        recorded.Observe();

        Assert.Equal(3, recorded.Sum("tollway.charge_writer.queue_depth"));
    }
}
