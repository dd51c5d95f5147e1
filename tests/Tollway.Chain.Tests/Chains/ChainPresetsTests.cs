using Tollway.Chain.Chains;

namespace Tollway.Chain.Tests.Chains;

public sealed class ChainPresetsTests
{
    [Fact]
    public void All_Values_AreExactlyThePinnedTable()
    {
        // Every value of every preset, in order: the table may be rewritten, but what it says may not change by accident.
        string[] expected =
        [
            "ethereum | 1 | Ethereum | https://ethereum-rpc.publicnode.com | 12 | mainnet | 2 | 5000 | USDC 0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48 6 USD Coin 2;USDT 0xdAC17F958D2ee523a2206206994597C13D831ec7 6 - -;DAI 0x6B175474E89094C44Da98b954EedeAC495271d0F 18 - -",
            "base | 8453 | Base | https://mainnet.base.org | 10 | mainnet | 0.02 | 5000 | USDC 0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913 6 USD Coin 2;USDT 0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2 6 - -;DAI 0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb 18 - -",
            "arbitrum | 42161 | Arbitrum One | https://arb1.arbitrum.io/rpc | 20 | mainnet | 0.05 | 5000 | USDC 0xaf88d065e77c8cC2239327C5EDb3A432268e5831 6 USD Coin 2;USDT 0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9 6 - -;DAI 0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1 18 - -",
            "optimism | 10 | OP Mainnet | https://mainnet.optimism.io | 10 | mainnet | 0.02 | 5000 | USDC 0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85 6 USD Coin 2;USDT 0x94b008aA00579c1307B0EF2c499aD98a8ce58e58 6 - -;DAI 0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1 18 - -",
            "polygon | 137 | Polygon PoS | https://polygon-rpc.com | 64 | mainnet | 100 | 1 | USDC 0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359 6 USDC 2;USDT 0xc2132D05D31c914a87C6611C10748AEb04B58e8F 6 - -;DAI 0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063 18 - -",
            "ethereum-sepolia | 11155111 | Ethereum Sepolia | https://ethereum-sepolia-rpc.publicnode.com | 12 | testnet | 2 | 5000 | USDC 0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238 6 USDC 2",
            "base-sepolia | 84532 | Base Sepolia | https://sepolia.base.org | 10 | testnet | 0.02 | 5000 | USDC 0x036CbD53842c5426634e7929541eC2318f3dCF7e 6 USDC 2",
            "arbitrum-sepolia | 421614 | Arbitrum Sepolia | https://sepolia-rollup.arbitrum.io/rpc | 20 | testnet | 0.05 | 5000 | USDC 0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d 6 USDC 2",
            "optimism-sepolia | 11155420 | OP Sepolia | https://sepolia.optimism.io | 10 | testnet | 0.02 | 5000 | USDC 0x5fd84259d66Cd46123540766Be93DFE6D43130D7 6 USDC 2",
            "polygon-amoy | 80002 | Polygon Amoy | https://rpc-amoy.polygon.technology | 64 | testnet | 100 | 1 | USDC 0x41E94Eb019C0762f9Bfcf9Fb1E58725BfB0e7582 6 USDC 2",
        ];

        Assert.Equal(expected, ChainPresets.All.Select(Describe));
    }

    private static string Describe(ChainPreset p) => string.Join(
        " | ",
        p.Name, p.ChainId, p.DisplayName, string.Join(";", p.RpcUrls), p.Confirmations, p.IsTestnet ? "testnet" : "mainnet",
        p.GasPriceGwei, p.GasTokenUsd,
        string.Join(";", p.Tokens.Select(t => $"{t.Symbol} {t.Address} {t.Decimals} {t.Eip712Name ?? "-"} {t.Eip712Version ?? "-"}")));
}
