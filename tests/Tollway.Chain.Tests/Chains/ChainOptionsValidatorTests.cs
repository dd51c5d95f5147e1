using Tollway.Chain.Chains;

namespace Tollway.Chain.Tests.Chains;

public sealed class ChainOptionsValidatorTests
{
    [Fact]
    public void Validate_TwoChainsWithOneId_ReportsTheSecond()
    {
        var options = new ChainsOptions();
        options["base"] = new ChainOptions();
        options["base-again"] = new ChainOptions { Preset = "base" };

        var result = new ChainOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Chains:base-again:ChainId: chain id 8453 is already configured as 'base'", result.Failures!);
    }

    [Fact]
    public void Validate_DisabledChain_IsNotChecked()
    {
        var options = new ChainsOptions();
        options["broken"] = new ChainOptions { Enabled = false, Preset = "nowhere" };

        Assert.True(new ChainOptionsValidator().Validate(null, options).Succeeded);
        Assert.Empty(new ChainRegistry(Microsoft.Extensions.Options.Options.Create(options)).All);
    }

    [Fact]
    public void Validate_SeveralBrokenChains_ReportsAllOfThem()
    {
        var options = new ChainsOptions();
        options["a"] = new ChainOptions { Preset = "custom" };
        options["b"] = new ChainOptions { Preset = "base", Confirmations = "0" };

        var result = new ChainOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("Chains:a:", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("Chains:b:Confirmations:", StringComparison.Ordinal));
    }
}
