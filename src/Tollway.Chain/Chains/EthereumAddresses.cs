using Nethereum.Util;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.Chains;

/// <summary>EIP-55 checksums: addresses are stored lower case and shown checksummed; typed-in mixed case must check.</summary>
public static class EthereumAddresses
{
    private static readonly AddressUtil Util = AddressUtil.Current;
    private static readonly System.Buffers.SearchValues<char> Lower = System.Buffers.SearchValues.Create("abcdef");
    private static readonly System.Buffers.SearchValues<char> Upper = System.Buffers.SearchValues.Create("ABCDEF");

    /// <summary>The EIP-55 spelling of an address given in any case.</summary>
    public static string ToChecksum(string address) => Util.ConvertToChecksumAddress(address);

    /// <summary>The EIP-55 spelling of a wallet.</summary>
    public static string ToChecksum(WalletAddress wallet) => Util.ConvertToChecksumAddress(wallet.Value);

    /// <summary>
    /// Parses an address that is all lower case, all upper case (its hex digits), or mixed case with a valid EIP-55
    /// checksum; a mixed-case address whose checksum fails is a typo, and refused.
    /// </summary>
    public static bool TryParseChecked(string? text, out WalletAddress address)
    {
        if (!WalletAddress.TryParse(text, out address))
        {
            return false;
        }

        var digits = text.AsSpan(2);
        var mixed = digits.ContainsAny(Lower) && digits.ContainsAny(Upper);
        return !mixed || Util.IsChecksumAddress(text);
    }
}
