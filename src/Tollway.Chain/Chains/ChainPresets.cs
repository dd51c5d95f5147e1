namespace Tollway.Chain.Chains;

/// <summary>
/// The chains Tollway knows by name. Token addresses are the issuers' own deployments (Circle's native USDC, not
/// bridged USDC.e); the EIP-712 names are what each USDC contract's <c>name()</c> returns, which differs between
/// mainnets ("USD Coin") and Circle's testnet deployments ("USDC"). USDT and DAI take deposits only: they have no
/// EIP-3009, so no x402. The gas prices (and the gas coin's USD price) are what the x402 minimum quote assumes for the
/// relayer's settlement: deliberately above the usual price of each chain, so the minimum covers a busy hour too.
/// </summary>
public static class ChainPresets
{
    /// <summary>The preset for any other EVM chain: chain id, RPC URLs and tokens all come from the config.</summary>
    public const string Custom = "custom";

    /// <summary>The gas price (gwei) assumed on a custom chain, whose fees Tollway cannot know.</summary>
    public const string CustomGasPriceGwei = "1";

    /// <summary>The USD price assumed for ETH, the gas coin of every preset but Polygon's.</summary>
    public const string EtherUsd = "5000";

    private const string PolUsd = "1";
    private const string UsdCoin = "USD Coin";
    private const string CircleTestnetName = "USDC";
    private const string UsdcVersion = "2";

    /// <summary>Every preset, mainnets first.</summary>
    public static IReadOnlyList<ChainPreset> All { get; } =
    [
        new("ethereum", 1, "Ethereum", ["https://ethereum-rpc.publicnode.com"], "12",
        [
            new("USDC", "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", 6, UsdCoin, UsdcVersion),
            new("USDT", "0xdAC17F958D2ee523a2206206994597C13D831ec7", 6),
            new("DAI", "0x6B175474E89094C44Da98b954EedeAC495271d0F", 18),
        ]) { GasPriceGwei = "2" },
        new("base", 8453, "Base", ["https://mainnet.base.org"], "10",
        [
            new("USDC", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 6, UsdCoin, UsdcVersion),
            new("USDT", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", 6),
            new("DAI", "0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb", 18),
        ]) { GasPriceGwei = "0.02" },
        new("arbitrum", 42161, "Arbitrum One", ["https://arb1.arbitrum.io/rpc"], "20",
        [
            new("USDC", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 6, UsdCoin, UsdcVersion),
            new("USDT", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 6),
            new("DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18),
        ]) { GasPriceGwei = "0.05" },
        new("optimism", 10, "OP Mainnet", ["https://mainnet.optimism.io"], "10",
        [
            new("USDC", "0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85", 6, UsdCoin, UsdcVersion),
            new("USDT", "0x94b008aA00579c1307B0EF2c499aD98a8ce58e58", 6),
            new("DAI", "0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1", 18),
        ]) { GasPriceGwei = "0.02" },
        new("polygon", 137, "Polygon PoS", ["https://polygon-rpc.com"], "64",
        [
            new("USDC", "0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", 6, CircleTestnetName, UsdcVersion),
            new("USDT", "0xc2132D05D31c914a87C6611C10748AEb04B58e8F", 6),
            new("DAI", "0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063", 18),
        ]) { GasPriceGwei = "100", GasTokenUsd = PolUsd },
        new("ethereum-sepolia", 11155111, "Ethereum Sepolia", ["https://ethereum-sepolia-rpc.publicnode.com"], "12",
            [new("USDC", "0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238", 6, CircleTestnetName, UsdcVersion)]) { IsTestnet = true, GasPriceGwei = "2" },
        new("base-sepolia", 84532, "Base Sepolia", ["https://sepolia.base.org"], "10",
            [new("USDC", "0x036CbD53842c5426634e7929541eC2318f3dCF7e", 6, CircleTestnetName, UsdcVersion)]) { IsTestnet = true, GasPriceGwei = "0.02" },
        new("arbitrum-sepolia", 421614, "Arbitrum Sepolia", ["https://sepolia-rollup.arbitrum.io/rpc"], "20",
            [new("USDC", "0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d", 6, CircleTestnetName, UsdcVersion)]) { IsTestnet = true, GasPriceGwei = "0.05" },
        new("optimism-sepolia", 11155420, "OP Sepolia", ["https://sepolia.optimism.io"], "10",
            [new("USDC", "0x5fd84259d66Cd46123540766Be93DFE6D43130D7", 6, CircleTestnetName, UsdcVersion)]) { IsTestnet = true, GasPriceGwei = "0.02" },
        new("polygon-amoy", 80002, "Polygon Amoy", ["https://rpc-amoy.polygon.technology"], "64",
            [new("USDC", "0x41E94Eb019C0762f9Bfcf9Fb1E58725BfB0e7582", 6, CircleTestnetName, UsdcVersion)]) { IsTestnet = true, GasPriceGwei = "100", GasTokenUsd = PolUsd },
    ];

    /// <summary>The preset of that name (any case), or <see langword="null"/> (also for <see cref="Custom"/>).</summary>
    public static ChainPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name a chain's <c>Preset</c> may take.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name).Append(Custom);
}
