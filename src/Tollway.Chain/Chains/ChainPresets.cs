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
        new("ethereum", 1, "Ethereum", ["https://ethereum-rpc.publicnode.com"], "12", [Usdc("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", UsdCoin),
            Usdt("0xdAC17F958D2ee523a2206206994597C13D831ec7"), Dai("0x6B175474E89094C44Da98b954EedeAC495271d0F")]) { GasPriceGwei = "2" },
        new("base", 8453, "Base", ["https://mainnet.base.org"], "10", [Usdc("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", UsdCoin),
            Usdt("0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2"), Dai("0x50c5725949A6F0c72E6C4a641F24049A917DB0Cb")]) { GasPriceGwei = "0.02" },
        new("arbitrum", 42161, "Arbitrum One", ["https://arb1.arbitrum.io/rpc"], "20", [Usdc("0xaf88d065e77c8cC2239327C5EDb3A432268e5831", UsdCoin),
            Usdt("0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9"), Dai("0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1")]) { GasPriceGwei = "0.05" },
        new("optimism", 10, "OP Mainnet", ["https://mainnet.optimism.io"], "10", [Usdc("0x0b2C639c533813f4Aa9D7837CAf62653d097Ff85", UsdCoin),
            Usdt("0x94b008aA00579c1307B0EF2c499aD98a8ce58e58"), Dai("0xDA10009cBd5D07dd0CeCc66161FC93D7c9000da1")]) { GasPriceGwei = "0.02" },
        new("polygon", 137, "Polygon PoS", ["https://polygon-rpc.com"], "64", [Usdc("0x3c499c542cEF5E3811e1192ce70d8cC03d5c3359", CircleTestnetName),
            Usdt("0xc2132D05D31c914a87C6611C10748AEb04B58e8F"), Dai("0x8f3Cf7ad23Cd3CaDbD9735AFf958023239c6A063")]) { GasPriceGwei = "100", GasTokenUsd = PolUsd },
        new("ethereum-sepolia", 11155111, "Ethereum Sepolia", ["https://ethereum-sepolia-rpc.publicnode.com"], "12",
            [Usdc("0x1c7D4B196Cb0C7B01d743Fbc6116a902379C7238", CircleTestnetName)]) { IsTestnet = true, GasPriceGwei = "2" },
        new("base-sepolia", 84532, "Base Sepolia", ["https://sepolia.base.org"], "10",
            [Usdc("0x036CbD53842c5426634e7929541eC2318f3dCF7e", CircleTestnetName)]) { IsTestnet = true, GasPriceGwei = "0.02" },
        new("arbitrum-sepolia", 421614, "Arbitrum Sepolia", ["https://sepolia-rollup.arbitrum.io/rpc"], "20",
            [Usdc("0x75faf114eafb1BDbe2F0316DF893fd58CE46AA4d", CircleTestnetName)]) { IsTestnet = true, GasPriceGwei = "0.05" },
        new("optimism-sepolia", 11155420, "OP Sepolia", ["https://sepolia.optimism.io"], "10",
            [Usdc("0x5fd84259d66Cd46123540766Be93DFE6D43130D7", CircleTestnetName)]) { IsTestnet = true, GasPriceGwei = "0.02" },
        new("polygon-amoy", 80002, "Polygon Amoy", ["https://rpc-amoy.polygon.technology"], "64",
            [Usdc("0x41E94Eb019C0762f9Bfcf9Fb1E58725BfB0e7582", CircleTestnetName)]) { IsTestnet = true, GasPriceGwei = "100", GasTokenUsd = PolUsd },
    ];

    /// <summary>The preset of that name (any case), or <see langword="null"/> (also for <see cref="Custom"/>).</summary>
    public static ChainPreset? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every name a chain's <c>Preset</c> may take.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name).Append(Custom);

    /// <summary>Circle's USDC: 6 decimals and EIP-3009 (so x402) under EIP-712 version 2; the name differs by deployment.</summary>
    private static TokenPreset Usdc(string address, string eip712Name) => new("USDC", address, 6, eip712Name, UsdcVersion);

    /// <summary>Tether's USDT: 6 decimals, deposits only.</summary>
    private static TokenPreset Usdt(string address) => new("USDT", address, 6);

    /// <summary>DAI: 18 decimals, deposits only.</summary>
    private static TokenPreset Dai(string address) => new("DAI", address, 18);
}
