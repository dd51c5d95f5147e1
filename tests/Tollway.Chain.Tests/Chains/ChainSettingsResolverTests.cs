using Tollway.Chain.Chains;

namespace Tollway.Chain.Tests.Chains;

public sealed class ChainSettingsResolverTests
{
    public static TheoryData<string> PresetNames() => [.. ChainPresets.All.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(PresetNames))]
    public void Resolve_EveryPreset_ResolvesWithItsChecksummedTokens(string preset)
    {
        var errors = new List<string>();

        var settings = ChainSettingsResolver.Resolve(preset, new ChainOptions { Treasury = "0x1111111111111111111111111111111111111111" }, errors);

        // Every preset address is written EIP-55 checksummed: a typo in one would fail the checksum here.
        Assert.Empty(errors);
        Assert.NotNull(settings);
        Assert.Equal(ChainPresets.Find(preset)!.ChainId, settings.ChainId);
        Assert.Contains(settings.Tokens, t => t.Symbol == "USDC" && t.Decimals == 6 && t.SupportsAuthorizations);
        Assert.All(settings.Tokens, t => Assert.Equal(t.Address, t.Address.ToLowerInvariant()));
        Assert.All(ChainPresets.Find(preset)!.Tokens, t => Assert.Equal(t.Address, EthereumAddresses.ToChecksum(t.Address)));
    }

    [Fact]
    public void Resolve_DepositAndGasSettings_PresetsDefaultsAndOverrides()
    {
        var basePreset = ChainSettingsResolver.Resolve("base", new ChainOptions(), [])!;
        var polygon = ChainSettingsResolver.Resolve("polygon", new ChainOptions { MinDepositUsd = "0", GasPriceGwei = "30.5" }, [])!;

        Assert.Equal((10_000_000L, 20_000_000L, 5_000_000_000_000L), (basePreset.MinDeposit, basePreset.GasPriceWei, basePreset.GasTokenUsdNanos));
        Assert.Equal((0L, 30_500_000_000L, 1_000_000_000L), (polygon.MinDeposit, polygon.GasPriceWei, polygon.GasTokenUsdNanos));
    }

    [Fact]
    public void Resolve_DepositAndGasSettingsNotAmounts_ReportsEachKey()
    {
        var errors = new List<string>();

        var settings = ChainSettingsResolver.Resolve("base", new ChainOptions { MinDepositUsd = "-1", GasPriceGwei = "0", GasTokenUsd = "lots" }, errors);

        Assert.Null(settings);
        Assert.Equal(
            [
                "Chains:base:MinDepositUsd: '-1' is not a USD amount with at most nine decimals",
                "Chains:base:GasPriceGwei: '0' is not a gas price in gwei with at most nine decimals, above zero",
                "Chains:base:GasTokenUsd: 'lots' is not a USD price with at most nine decimals, above zero",
            ],
            errors);
    }

    [Fact]
    public void Resolve_BasePreset_HasCirclesUsdcWithItsEip712Domain()
    {
        var settings = ChainSettingsResolver.Resolve("base", new ChainOptions(), [])!;

        var usdc = settings.FindTokenBySymbol("usdc")!;
        Assert.Equal(8453, settings.ChainId);
        Assert.Equal("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", usdc.Address);
        Assert.Equal("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", usdc.ChecksumAddress);
        Assert.Equal(("USD Coin", "2"), (usdc.Eip712Name, usdc.Eip712Version));
        Assert.Equal(18, settings.FindTokenBySymbol("DAI")!.Decimals);
        Assert.Equal("eip155:8453", settings.Caip2);
        Assert.Equal(new ChainConfirmation(10, false), settings.Confirmation);
    }

    [Fact]
    public void Resolve_OverridesAndRemovals_MergeWithThePreset()
    {
        var options = new ChainOptions
        {
            Preset = "ethereum",
            RpcUrls = ["https://rpc-1.example/key", "https://rpc-2.example"],
            Confirmations = "finalized",
            StartBlock = 100,
            Tokens = new(StringComparer.OrdinalIgnoreCase) { ["USDT"] = new() { Enabled = false }, ["DAI"] = new() { Decimals = 18 } },
        };

        var settings = ChainSettingsResolver.Resolve("mainnet", options, [])!;

        Assert.Equal(1, settings.ChainId);
        Assert.Equal(2, settings.RpcUrls.Count);
        Assert.True(settings.Confirmation.Finalized);
        Assert.Equal(100, settings.StartBlock);
        Assert.Equal(["USDC", "DAI"], settings.Tokens.Select(t => t.Symbol));
    }

    [Fact]
    public void Resolve_CustomChain_NeedsIdUrlsConfirmationsAndTokens()
    {
        var errors = new List<string>();

        var settings = ChainSettingsResolver.Resolve("local", new ChainOptions { Preset = "custom" }, errors);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("Chains:local:ChainId:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Chains:local:RpcUrls:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Chains:local:Confirmations:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Chains:local:Tokens:", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_EveryBadValue_IsReportedWithItsKey()
    {
        var options = new ChainOptions
        {
            Preset = "base",
            ChainId = 1,
            RpcUrls = ["ftp://nope", "https://fine.example"],
            Confirmations = "soon",
            // A checksum typo: the last letter's case flipped.
            Treasury = "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913".Replace("13", "1A", StringComparison.Ordinal),
            StartBlock = -1,
            MaxBlockRange = 0,
            PollInterval = TimeSpan.Zero,
            Tokens = new(StringComparer.OrdinalIgnoreCase)
            {
                ["FOO"] = new() { Address = "0x12", Decimals = 40, Eip712Name = "Foo" },
                ["BAR"] = new() { Decimals = 6 },
            },
        };
        var errors = new List<string>();

        Assert.Null(ChainSettingsResolver.Resolve("base", options, errors));

        Assert.Equal(
            [
                "Chains:base:ChainId", "Chains:base:RpcUrls:0", "Chains:base:Confirmations", "Chains:base:Treasury", "Chains:base:StartBlock",
                "Chains:base:MaxBlockRange", "Chains:base:PollInterval", "Chains:base:Tokens:FOO:Address", "Chains:base:Tokens:FOO:Decimals",
                "Chains:base:Tokens:FOO:Eip712Name", "Chains:base:Tokens:BAR:Address",
            ],
            errors.Select(e => e[..e.IndexOf(": ", StringComparison.Ordinal)]));
    }

    [Fact]
    public void Resolve_UnknownPreset_NamesTheKnownOnes()
    {
        var errors = new List<string>();

        ChainSettingsResolver.Resolve("basee", new ChainOptions(), errors);

        var error = Assert.Single(errors);
        Assert.StartsWith("Chains:basee:Preset: unknown chain preset 'basee'", error, StringComparison.Ordinal);
        Assert.Contains("base-sepolia", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TwoTokensOnOneContract_IsRefused()
    {
        var errors = new List<string>();
        var options = new ChainOptions
        {
            Tokens = new(StringComparer.OrdinalIgnoreCase) { ["USDC2"] = new() { Address = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", Decimals = 6 } },
        };

        ChainSettingsResolver.Resolve("base", options, errors);

        Assert.Contains(errors, e => e.Contains("USDC and USDC2 name the same contract", StringComparison.Ordinal));
    }
}
