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

    [Fact]
    public void Validate_ChainWithoutSignInDomainAndUri_NamesBothKeys()
    {
        var options = new TollwayOptions();
        options.Chains["base"] = new ChainOptions();

        var result = new ChainOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("SignIn:Domain: required", StringComparison.Ordinal) && f.Contains("SignIn:Uri", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("SignIn:Uri: required", StringComparison.Ordinal) && f.Contains("SignIn:Domain", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ChainWithSignInDomainAndUri_Succeeds()
    {
        var options = new TollwayOptions();
        options.Chains["base"] = new ChainOptions();
        options.SignIn.Domain = "tollway.example.com";
        options.SignIn.Uri = "https://tollway.example.com";

        Assert.True(new ChainOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_NoChain_DoesNotAskForSignInSettings()
    {
        Assert.True(new ChainOptionsValidator().Validate(null, new TollwayOptions()).Succeeded);
    }
}
