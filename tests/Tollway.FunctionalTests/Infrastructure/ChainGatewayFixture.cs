using System.Globalization;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway with a local chain: anvil with the test stablecoin, configured as chain <c>local</c> (depth 2, polled
/// every 100 ms) with a treasury of its own, so sign-in, the account API and the deposit watcher run for real. Sign-in
/// names <see cref="SignInDomain"/>, which is not where the gateway listens: the request's Host plays no part.
/// </summary>
public sealed class ChainGatewayFixture : GatewayFixture
{
    public const int Depth = 2;

    /// <summary>The configured domain sign-in messages must name.</summary>
    public const string SignInDomain = "tollway.test";

    /// <summary>The configured origin the URI of a sign-in message must be under.</summary>
    public const string SignInOrigin = "https://tollway.test";

    public AnvilNode Chain { get; private set; } = null!;

    public TestToken Token { get; private set; } = null!;

    public string Treasury { get; } = TestWallet.Create().Address;

    public override async ValueTask InitializeAsync()
    {
        Chain = await AnvilNode.StartAsync(chainId: 31337);
        Token = await Chain.DeployTokenAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Chain.DisposeAsync();
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Chains:local:Preset"] = "custom";
        configuration["Chains:local:ChainId"] = Chain.ChainId.ToString(CultureInfo.InvariantCulture);
        configuration["Chains:local:RpcUrls:0"] = Chain.Url.ToString();
        configuration["Chains:local:Confirmations"] = Depth.ToString(CultureInfo.InvariantCulture);
        configuration["Chains:local:Treasury"] = Treasury;
        configuration["Chains:local:StartBlock"] = "0";
        configuration["Chains:local:PollInterval"] = "00:00:00.100";
        configuration["Chains:local:Tokens:TUSD:Address"] = Token.Address;
        configuration["Chains:local:Tokens:TUSD:Decimals"] = "6";
        configuration["Chains:local:Tokens:TUSD:Eip712Name"] = Token.Name;
        configuration["Chains:local:Tokens:TUSD:Eip712Version"] = Token.Version;
        configuration["SignIn:Domain"] = SignInDomain;
        configuration["SignIn:Uri"] = SignInOrigin;
        return configuration;
    }
}
