using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;
using Tollway.Hosting;

namespace Tollway.FunctionalTests.Configuration;

/// <summary>Chain and sign-in settings are checked at start with the rest, every bad key reported at once.</summary>
public sealed class ChainConfigTests
{
    [Fact]
    public async Task Build_BadChainAndSignInSettings_ReportsEveryKey()
    {
        var settings = new GatewayHostSettings
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Server:Urls"] = "http://127.0.0.1:0",
                ["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"), "t.db"),
                ["Chains:base:Treasury"] = "0x12",
                ["Chains:base:Treasurey"] = "0x0000000000000000000000000000000000000001",
                ["Chains:base:Confirmations"] = "-3",
                ["Chains:mine:Preset"] = "custom",
                ["Chains:mine:RpcUrls:0"] = "http://127.0.0.1:8545",
                ["SignIn:SessionSecret"] = "c2hvcnQ=",
                ["SignIn:Domain"] = "https://tollway.example",
            },
        };
        await using var app = GatewayHost.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<TollwayOptions>>().Value);

        var keys = error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Contains("Chains:base:Treasurey", keys);
        Assert.Contains("Chains:base:Treasury", keys);
        Assert.Contains("Chains:base:Confirmations", keys);
        Assert.Contains("Chains:mine:ChainId", keys);
        Assert.Contains("Chains:mine:Confirmations", keys);
        Assert.Contains("Chains:mine:Tokens", keys);
        Assert.Contains("SignIn:SessionSecret", keys);
        Assert.Contains("SignIn:Domain", keys);
        Assert.DoesNotContain(error.Failures, f => f.Contains("c2hvcnQ=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_ChainWithoutSignInDomainAndUri_IsRefusedNamingBothKeys()
    {
        var settings = new GatewayHostSettings
        {
            Overrides = new Dictionary<string, string?>
            {
                ["Server:Urls"] = "http://127.0.0.1:0",
                ["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"), "t.db"),
                ["Chains:base:Treasury"] = "0x0000000000000000000000000000000000000001",
            },
        };
        await using var app = GatewayHost.Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<IOptions<TollwayOptions>>().Value);

        var keys = error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Contains("SignIn:Domain", keys);
        Assert.Contains("SignIn:Uri", keys);
    }
}
