using Tollway.Chain.Chains;
using Tollway.Gateway.Configuration;

namespace Tollway.Chain.Tests.Chains;

public sealed class ChainOptionsValidatorTests
{
    [Fact]
    public void Validate_TwoChainsWithOneId_ReportsTheSecond()
    {
        var options = new TollwayOptions();
        options.Chains["base"] = new ChainOptions();
        options.Chains["base-again"] = new ChainOptions { Preset = "base" };

        var result = new ChainOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Chains:base-again:ChainId: chain id 8453 is already configured as 'base'", result.Failures!);
    }

    [Fact]
    public void Validate_DisabledChain_IsNotChecked()
    {
        var options = new TollwayOptions();
        options.Chains["broken"] = new ChainOptions { Enabled = false, Preset = "nowhere" };

        Assert.True(new ChainOptionsValidator().Validate(null, options).Succeeded);
        Assert.Empty(new ChainRegistry(Microsoft.Extensions.Options.Options.Create(options)).All);
    }

    [Fact]
    public void Validate_SeveralBrokenChains_ReportsAllOfThem()
    {
        var options = new TollwayOptions();
        options.Chains["a"] = new ChainOptions { Preset = "custom" };
        options.Chains["b"] = new ChainOptions { Preset = "base", Confirmations = "0" };

        var result = new ChainOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Chains:a:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Chains:b:Confirmations:", StringComparison.Ordinal));
    }
}
