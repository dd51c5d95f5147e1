using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Deposits;

/// <summary>The ERC-20 <c>Transfer(address indexed from, address indexed to, uint256 value)</c> event, read from raw logs.</summary>
public static class Erc20Transfers
{
    /// <summary>keccak256 of the event signature: topic 0 of every ERC-20 transfer log.</summary>
    public const string Topic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    /// <summary>An address as an indexed topic (left-padded to 32 bytes).</summary>
    public static string AddressTopic(WalletAddress address) => "0x" + address.Value[2..].PadLeft(64, '0');

    /// <summary>Reads a transfer log: sender, recipient and raw amount; <see langword="false"/> for anything else.</summary>
    public static bool TryRead(RpcLog log, out WalletAddress from, out WalletAddress to, out System.Numerics.BigInteger value)
    {
        from = default;
        to = default;
        value = default;
        if (log.Topics.Count != 3 || log.Topics[0] != Topic || log.Data.Length != 66
            || !WalletAddress.TryParse("0x" + log.Topics[1][^40..], out from) || !WalletAddress.TryParse("0x" + log.Topics[2][^40..], out to))
        {
            return false;
        }

        value = HexNumbers.ToBigInteger(log.Data);
        return true;
    }
}
