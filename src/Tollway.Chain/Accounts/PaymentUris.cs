using System.Globalization;
using System.Numerics;
using Tollway.Chain.Chains;

namespace Tollway.Chain.Accounts;

/// <summary>EIP-681 payment requests for an ERC-20 transfer, which wallets open and QR codes carry.</summary>
public static class PaymentUris
{
    /// <summary><c>ethereum:TOKEN@CHAIN/transfer?address=TREASURY[&amp;uint256=AMOUNT]</c>, addresses checksummed.</summary>
    public static string Transfer(ChainSettings chain, ChainToken token, BigInteger? amount)
    {
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"ethereum:{token.ChecksumAddress}@{chain.ChainId}/transfer?address={EthereumAddresses.ToChecksum(chain.Treasury!.Value)}");
        return amount is { } value ? uri + "&uint256=" + value.ToString(CultureInfo.InvariantCulture) : uri;
    }
}
