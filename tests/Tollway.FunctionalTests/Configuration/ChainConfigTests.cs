using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Hosting;

namespace Tollway.FunctionalTests.Configuration;

/// <summary>Chain and sign-in settings are checked at start with the rest, every bad key reported at once.</summary>
public sealed class ChainConfigTests
{
    [Fact]
    public async Task Build_BadChainAndSignInSettings_ReportsEveryKey()
    {
        var (failures, keys) = await RefusedAsync(new()
        {
            ["Chains:base:Treasury"] = "0x12",
            ["Chains:base:Treasurey"] = "0x0000000000000000000000000000000000000001",
            ["Chains:base:Confirmations"] = "-3",
            ["Chains:mine:Preset"] = "custom",
            ["Chains:mine:RpcUrls:0"] = "http://127.0.0.1:8545",
            ["SignIn:SessionSecret"] = "c2hvcnQ=",
            ["SignIn:Domain"] = "https://tollway.example",
        });

        Assert.Contains("Chains:base:Treasurey", keys);
        Assert.Contains("Chains:base:Treasury", keys);
        Assert.Contains("Chains:base:Confirmations", keys);
        Assert.Contains("Chains:mine:ChainId", keys);
        Assert.Contains("Chains:mine:Confirmations", keys);
        Assert.Contains("Chains:mine:Tokens", keys);
        Assert.Contains("SignIn:SessionSecret", keys);
        Assert.Contains("SignIn:Domain", keys);
        Assert.DoesNotContain(failures, f => f.Contains("c2hvcnQ=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_ChainWithoutSignInDomainAndUri_IsRefusedNamingBothKeys()
    {
        var (_, keys) = await RefusedAsync(new() { ["Chains:base:Treasury"] = "0x0000000000000000000000000000000000000001" });

        Assert.Contains("SignIn:Domain", keys);
        Assert.Contains("SignIn:Uri", keys);
    }

    /// <summary>Builds the host with these settings and returns the validation failures and the keys they name.</summary>
    private static async Task<(IEnumerable<string> Failures, List<string> Keys)> RefusedAsync(Dictionary<string, string?> settings)
    {
        settings["Server:Urls"] = "http://127.0.0.1:0";
        settings["Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"), "t.db");
        await using var app = GatewayHost.Build(new GatewayHostSettings { Overrides = settings });

        var error = Assert.Throws<OptionsValidationException>(() => app.Services.GetRequiredService<ConfigurationCheck>().ThrowIfInvalid());

        return (error.Failures, [.. error.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)])]);
    }
}
