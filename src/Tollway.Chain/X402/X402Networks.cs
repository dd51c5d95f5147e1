using System.Globalization;

namespace Tollway.Chain.X402;

/// <summary>Network names: CAIP-2 ids (x402 v2) and the fixed network names of x402 version 1, which knows only
/// public chains by name.</summary>
public static class X402Networks
{
    private static readonly Dictionary<long, string> V1Names = new()
    {
        [1] = "ethereum",
        [11155111] = "sepolia",
        [8453] = "base",
        [84532] = "base-sepolia",
        [43114] = "avalanche",
        [43113] = "avalanche-fuji",
        [137] = "polygon",
        [80002] = "polygon-amoy",
        [4689] = "iotex",
        [1329] = "sei",
        [1328] = "sei-testnet",
    };

    /// <summary>The version-1 name of a chain, if it has one.</summary>
    public static string? V1Name(long chainId) => V1Names.GetValueOrDefault(chainId);

    /// <summary>The chain id a network names: <c>eip155:8453</c>, or a version-1 name such as <c>base</c>.</summary>
    public static long? ChainIdOf(string? network)
    {
        if (network is null)
        {
            return null;
        }

        if (network.StartsWith("eip155:", StringComparison.Ordinal))
        {
            return long.TryParse(network.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
        }

        foreach (var (id, name) in V1Names)
        {
            if (string.Equals(name, network, StringComparison.Ordinal))
            {
                return id;
            }
        }

        return null;
    }
}
