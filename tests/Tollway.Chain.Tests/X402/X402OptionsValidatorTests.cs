using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.X402;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Chain.Tests.X402;

public sealed class X402OptionsValidatorTests
{
    private const string Key = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    [Fact]
    public void Validate_Disabled_ChecksNothing()
    {
        var options = new Settings { X402 = new X402Options { Enabled = false, MaxQuoteUsd = "lots" } };

        Assert.True(Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_BaseUsdcWithATreasuryAndAKey_Succeeds()
    {
        Assert.True(Validate(Key, Options()).Succeeded);
    }

    [Fact]
    public void Validate_EverythingWrong_ReportsEachKeyAndNeverTheKeysValue()
    {
        var options = Options();
        options.Chains["base"].Treasury = null;
        options.X402.Offers.Add(new X402OfferOptions { Chain = "base", Token = "NOPE" });
        options.X402.Offers.Add(new X402OfferOptions { Chain = "mars", Token = "USDC" });
        options.X402.MaxQuoteUsd = "-1";
        options.X402.MaxTimeoutSeconds = 10;

        var failures = Validate("0x1234-not-a-key", options).Failures!.ToList();

        Assert.Contains("X402:Offers:0:Chain: the chain 'base' has no Treasury to be paid to", failures);
        Assert.Contains("X402:Offers:1:Token: 'NOPE' is not a token of the chain 'base'", failures);
        Assert.Contains("X402:Offers:2:Chain: 'mars' is not an enabled chain under Chains", failures);
        Assert.Contains(failures, f => f.StartsWith("X402:RelayerKeyEnv:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("X402:MaxQuoteUsd:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("X402:MaxTimeoutSeconds:", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("0x1234", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_FacilitatorInsteadOfRelayer_NeedsNoKey()
    {
        var options = Options();
        options.X402.FacilitatorUrl = "https://facilitator.example/";

        Assert.True(Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_MinimumQuoteAboveTheLargest_IsRefused()
    {
        var options = Options();
        options.X402.MaxQuoteUsd = "0.01";

        var failures = Validate(Key, options).Failures!;

        // Base's settlement gas, $0.012, is the minimum: no request could be quoted.
        Assert.Contains(failures, f => f.StartsWith("X402:Offers:0:Chain: the minimum quote, $0.012 from the gas of one settlement on 'base'", StringComparison.Ordinal)
            && f.EndsWith("is above X402:MaxQuoteUsd", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MinimumQuoteBelowTheChainsMinimumDeposit_IsRefused()
    {
        var options = Options();
        options.X402.MinQuoteUsd = "0.001";

        var failures = Validate(Key, options).Failures!;

        Assert.Contains("X402:Offers:0:Chain: the minimum quote, $0.001 from X402:MinQuoteUsd, is below Chains:base:MinDepositUsd, so the deposit watcher would ignore a payment", failures);
        options.Chains["base"].MinDepositUsd = "0.001";
        Assert.True(Validate(Key, options).Succeeded);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("cheap")]
    public void Validate_MinQuoteUsdNotAPositiveAmount_IsRefused(string minQuote)
    {
        var options = Options();
        options.X402.MinQuoteUsd = minQuote;

        Assert.Contains($"X402:MinQuoteUsd: '{minQuote}' is not a positive dollar amount", Validate(Key, options).Failures!);
    }

    [Theory]
    [InlineData(150, false)]
    [InlineData(151, true)]
    public void Validate_OfferedTimeoutAgainstSettlementTimeoutAndMargin_MustOutlastBoth(int maxTimeoutSeconds, bool valid)
    {
        var options = Options();
        options.X402.MaxTimeoutSeconds = maxTimeoutSeconds; // settlement 2 min + margin 30 s = 150 s

        var result = Validate(Key, options);

        Assert.Equal(valid, result.Succeeded);
        Assert.Equal(valid, result.Failures?.Any(f => f.StartsWith("X402:MaxTimeoutSeconds: must be longer than X402:SettlementTimeout plus X402:SafetyMargin", StringComparison.Ordinal)) != true);
    }

    [Fact]
    public void Validate_NoOffers_IsRefused()
    {
        var options = Options();
        options.X402.Offers.Clear();

        Assert.Contains("X402:Offers: at least one chain and token must be offered when x402 is enabled", Validate(Key, options).Failures!);
    }

    private static Settings Options()
    {
        var options = new Settings
        {
            X402 = new X402Options { Enabled = true, Offers = [new X402OfferOptions { Chain = "base", Token = "USDC" }], RelayerKeyEnv = "RELAYER" },
        };
        options.Chains["base"] = new ChainOptions { Treasury = "0x209693bc6afc0c5328ba36faf03c514ef312287c" };
        return options;
    }

    private static ValidateOptionsResult Validate(string? key, Settings options) =>
        new X402OptionsValidator(new Variables(key), new BoundOptions<ChainsOptions>(options.Chains)).Validate(null, options.X402);

    /// <summary>The two sections x402's checks read.</summary>
    private sealed class Settings
    {
        public X402Options X402 { get; init; } = new();

        public ChainsOptions Chains { get; } = new();
    }

    private sealed class Variables(string? key) : IEnvironmentVariables
    {
        public string? Read(string name) => name == "RELAYER" ? key : null;
    }
}
