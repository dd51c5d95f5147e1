using System.Numerics;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>
/// The gateway with x402 on, settling with its own relayer on a real anvil chain where the project's EIP-3009 test
/// stablecoin is deployed. The relayer is anvil's second dev account (funded with ETH for gas); the treasury is a fresh
/// address. The relayer key reaches the gateway through an environment variable, as in production.
/// </summary>
public class X402Fixture : GatewayFixture
{
    /// <summary>The variable the relayer key is read from (not <c>TOLLWAY_</c>: the gateway would read it as config).</summary>
    public const string RelayerKeyVariable = "TWTEST_X402_RELAYER_KEY";

    /// <summary>anvil's second dev account: a public test key, never a real one.</summary>
    public const string RelayerKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    public const string RelayerAddress = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    public AnvilNode Chain { get; private set; } = null!;

    public TestToken Token { get; private set; } = null!;

    public string Treasury { get; } = TestWallet.Create().LowerAddress;

    public override async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable(RelayerKeyVariable, RelayerKey);
        Chain = await AnvilNode.StartAsync(chainId: 31337);
        Token = await Chain.DeployTokenAsync(name: "Tollway Test USD", symbol: "TUSD", version: "2");
        await BeforeGatewayStartsAsync();
        await base.InitializeAsync();
    }

    /// <summary>Runs once the chain is up and before the gateway starts (a subclass starts its own servers here).</summary>
    protected virtual Task BeforeGatewayStartsAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Chain.DisposeAsync();
    }

    /// <summary>A new payer wallet holding <paramref name="units"/> of the test token.</summary>
    public async Task<TestWallet> NewPayerAsync(BigInteger units)
    {
        var wallet = TestWallet.Create();
        if (!units.IsZero)
        {
            await Token.MintAsync(wallet.LowerAddress, units);
        }

        return wallet;
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Chains:local:Preset"] = "custom";
        configuration["Chains:local:ChainId"] = "31337";
        configuration["Chains:local:RpcUrls:0"] = Chain.Url.ToString();
        configuration["Chains:local:Confirmations"] = "1";
        configuration["Chains:local:Treasury"] = Treasury;
        configuration["Chains:local:Tokens:TUSD:Address"] = Token.Address;
        configuration["Chains:local:Tokens:TUSD:Decimals"] = "6";
        configuration["Chains:local:Tokens:TUSD:Eip712Name"] = Token.Name;
        configuration["Chains:local:Tokens:TUSD:Eip712Version"] = Token.Version;
        // Required with any chain; x402 itself signs nobody in.
        configuration["SignIn:Domain"] = "tollway.test";
        configuration["SignIn:Uri"] = "https://tollway.test";
        // Gas at 0.001 gwei and $1,000 an ether: one settlement costs 100,000 × 0.0012 gwei = $0.00012, the minimum quote
        // (120 units), below the 1,000 of X402Requests.Body; payments that small count as deposits here.
        configuration["Chains:local:GasPriceGwei"] = "0.001";
        configuration["Chains:local:GasTokenUsd"] = "1000";
        configuration["Chains:local:MinDepositUsd"] = "0.0001";
        configuration["Models:free-model:Endpoints:0:Provider"] = "fake";
        configuration["Models:free-model:Endpoints:0:Pricing:Input"] = "0";
        configuration["Models:free-model:Endpoints:0:Pricing:Output"] = "0";
        configuration["X402:Enabled"] = "true";
        configuration["X402:Offers:0:Chain"] = "local";
        configuration["X402:Offers:0:Token"] = "TUSD";
        configuration["X402:RelayerKeyEnv"] = RelayerKeyVariable;
        return configuration;
    }
}
