using System.Numerics;
using Microsoft.Extensions.Options;
using Tollway.Chain.Chains;
using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class ChainX402OffersTests
{
    /// <summary>Signed with viem's <c>signTypedData</c> by anvil's second dev key (a public test key) over Base USDC's domain.</summary>
    private const string ViemSignature =
        "0xdc6532adae45dd90f08e8e3a2eccb0f791b734319cb2e713ce667eccb652d84c174da959e8083496879af8988a9fd5ad39bdfcef9e789a25b36a6d26af5dbbe51c";

    private static readonly X402Offer BaseUsdc = new("base", 8453, "USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6, "USD Coin", "2",
        "0x209693Bc6afc0C5328bA36FaF03C514EF312287C");

    [Fact]
    public void IsSignedByPayer_ViemSignature_RecoversThePayer()
    {
        Assert.True(Offers().IsSignedByPayer(BaseUsdc, Authorization()));
    }

    [Fact]
    public void IsSignedByPayer_AnyFieldChanged_IsNotThePayers()
    {
        var offers = Offers();
        var authorization = Authorization();

        Assert.False(offers.IsSignedByPayer(BaseUsdc, authorization with { Value = 10001 }));
        Assert.False(offers.IsSignedByPayer(BaseUsdc, authorization with { ValidBefore = 1740672155 }));
        Assert.False(offers.IsSignedByPayer(BaseUsdc, authorization with { From = "0x857b06519e91e3a54538791bdbb0e22373e36b66" }));
        Assert.False(offers.IsSignedByPayer(BaseUsdc with { ChainId = 84532 }, authorization));
        Assert.False(offers.IsSignedByPayer(BaseUsdc with { Eip712Version = "1" }, authorization));
    }

    [Fact]
    public void IsSignedByPayer_GarbageSignature_IsNotThePayers()
    {
        Assert.False(Offers().IsSignedByPayer(BaseUsdc, Authorization() with { Signature = new byte[65] }));
    }

    [Fact]
    public void Resolve_OfferedPairs_TakeTheTokenDomainAndTreasuryFromTheChain()
    {
        var chain = new ChainSettings("local", 31337, [new Uri("http://127.0.0.1:1")], new ChainConfirmation(1, false),
            Wallets.WalletAddress.Parse("0x209693bc6afc0c5328ba36faf03c514ef312287c"), null,
            [new ChainToken("TUSD", "0x5fbdb2315678afecb367f032d93f642f64180aa3", 6, "Test USD", "2"), new ChainToken("PLAIN", "0x" + new string('1', 40), 6, null, null)],
            2000, TimeSpan.FromSeconds(1));
        var options = new X402Options { Offers = [new() { Chain = "local", Token = "tusd" }, new() { Chain = "local", Token = "PLAIN" }] };

        var offers = ChainX402Offers.Resolve(new ChainRegistry([chain]), options);

        var offer = Assert.Single(offers);
        // Without prices of its own, a chain is assumed at 1 gwei and $5,000 an ether: 100,000 gas × 1.2 gwei = $0.60.
        Assert.Equal(new X402Offer("local", 31337, "TUSD", "0x5FbDB2315678afecb367f032d93F642f64180aa3", 6, "Test USD", "2",
            "0x209693Bc6afc0C5328bA36FaF03C514EF312287C", 600_000_000), offer);
        Assert.Equal("eip155:31337", offer.Network);
    }

    [Theory]
    [InlineData("base", 12_000_000L)] // 0.02 gwei, $5,000: 100,000 gas × 0.024 gwei = 2.4e12 wei = $0.012
    [InlineData("ethereum", 1_200_000_000L)] // 2 gwei: $1.20
    [InlineData("arbitrum", 30_000_000L)] // 0.05 gwei: $0.03
    [InlineData("polygon", 12_000_000L)] // 100 gwei at $1 a POL: $0.012
    public void Resolve_NoMinQuoteUsd_EachOffersMinimumIsTheGasOfOneSettlementOnItsChain(string preset, long expected)
    {
        var offer = Assert.Single(ChainX402Offers.Resolve(Registry(preset, new ChainOptions { Treasury = Treasury }), Usdc(preset)));

        Assert.Equal(expected, offer.MinimumQuote);
        Assert.Equal(expected, offer.QuoteFor(0));
        Assert.Equal(expected + 1, offer.QuoteFor(expected + 1));
    }

    [Fact]
    public void Resolve_ChainsOwnGasPrices_SetTheMinimum()
    {
        var options = new ChainOptions { Treasury = Treasury, GasPriceGwei = "0.001", GasTokenUsd = "1000" };

        var offer = Assert.Single(ChainX402Offers.Resolve(Registry("base", options), Usdc("base")));

        Assert.Equal(120_000, offer.MinimumQuote);
    }

    [Fact]
    public void Resolve_MinQuoteUsdSet_IsEveryOffersMinimum()
    {
        var x402 = Usdc("base");
        x402.MinQuoteUsd = "0.05";

        Assert.Equal(50_000_000, Assert.Single(ChainX402Offers.Resolve(Registry("base", new ChainOptions { Treasury = Treasury }), x402)).MinimumQuote);
    }

    private const string Treasury = "0x209693bc6afc0c5328ba36faf03c514ef312287c";

    private static ChainRegistry Registry(string preset, ChainOptions options) => new([ChainSettingsResolver.Resolve(preset, options, [])!]);

    private static X402Options Usdc(string chain) => new() { Offers = [new() { Chain = chain, Token = "USDC" }] };

    private static ChainX402Offers Offers() => new(new ChainRegistry([]), Options.Create(new X402Options()));

    private static ExactAuthorization Authorization() => new(
        "0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x209693bc6afc0c5328ba36faf03c514ef312287c", new BigInteger(10000), BigInteger.Zero,
        new BigInteger(1740672154), Convert.FromHexString("f3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480"),
        Convert.FromHexString(ViemSignature[2..]));
}
