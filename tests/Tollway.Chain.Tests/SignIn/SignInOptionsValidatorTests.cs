using Tollway.Chain.Chains;
using Tollway.Chain.SignIn;
using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Chain.Tests.SignIn;

public sealed class SignInOptionsValidatorTests
{
    [Fact]
    public void Validate_ChainWithoutSignInDomainAndUri_NamesBothKeys()
    {
        var chains = new ChainsOptions();
        chains["base"] = new ChainOptions();

        var result = Validator(chains).Validate(null, new SignInOptions());

        Assert.Contains(result.Failures!, f => f.StartsWith("SignIn:Domain: required", StringComparison.Ordinal) && f.Contains("SignIn:Uri", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("SignIn:Uri: required", StringComparison.Ordinal) && f.Contains("SignIn:Domain", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ChainWithSignInDomainAndUri_Succeeds()
    {
        var chains = new ChainsOptions();
        chains["base"] = new ChainOptions();
        var signIn = new SignInOptions { Domain = "tollway.example.com", Uri = "https://tollway.example.com" };

        Assert.True(new ChainOptionsValidator().Validate(null, chains).Succeeded);
        Assert.True(Validator(chains).Validate(null, signIn).Succeeded);
    }

    [Fact]
    public void Validate_NoChain_DoesNotAskForSignInSettings()
    {
        Assert.True(Validator(new ChainsOptions()).Validate(null, new SignInOptions()).Succeeded);
    }

    private static SignInOptionsValidator Validator(ChainsOptions chains) => new(new BoundOptions<ChainsOptions>(chains));
}
