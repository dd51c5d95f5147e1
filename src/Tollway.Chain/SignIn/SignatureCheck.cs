using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Tollway.Chain.Chains;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;

namespace Tollway.Chain.SignIn;

/// <summary>
/// Whether a wallet signed a text with <c>personal_sign</c>: EIP-191 recovery for ordinary wallets, and for contract
/// wallets (Safe, smart accounts) the wallet's own EIP-1271 <c>isValidSignature</c>, asked with <c>eth_call</c> on the
/// chain the message names.
/// </summary>
public sealed class SignatureCheck(ChainRegistry chains, IEthereumRpcFactory rpcs)
{
    /// <summary><c>isValidSignature(bytes32,bytes)</c>'s selector, which is also the magic value it returns for "valid".</summary>
    public const string Eip1271MagicValue = "1626ba7e";

    /// <summary>True when <paramref name="wallet"/> signed <paramref name="message"/>.</summary>
    public async Task<bool> IsValidAsync(WalletAddress wallet, string message, string signature, long chainId, CancellationToken cancellationToken)
    {
        if (!signature.IsHex() || !signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || signature.Length < 4)
        {
            return false;
        }

        if (signature.Length == 132 && Recover(message, signature) is { } recovered && recovered == wallet)
        {
            return true;
        }

        // Not the wallet's own key: it may be a contract wallet, which answers for itself.
        if (chains.Find(chainId) is not { } chain)
        {
            return false;
        }

        var rpc = rpcs.ForChain(chain);
        var code = await rpc.GetCodeAsync(wallet.Value, BlockTag.Latest, cancellationToken);
        if (code is "0x" or "0x0" or "")
        {
            return false;
        }

        var hash = new EthereumMessageSigner().HashPrefixedMessage(Encoding.UTF8.GetBytes(message)).ToHex();
        var signatureHex = signature[2..];
        var padded = signatureHex.PadRight((signatureHex.Length + 63) / 64 * 64, '0');
        var data = "0x" + Eip1271MagicValue + hash + (64L).ToString("x64", System.Globalization.CultureInfo.InvariantCulture)
            + (signatureHex.Length / 2).ToString("x64", System.Globalization.CultureInfo.InvariantCulture) + padded;
        try
        {
            var result = await rpc.CallAsync(wallet.Value, data, BlockTag.Latest, cancellationToken);
            return result.Length >= 10 && result[2..10] == Eip1271MagicValue;
        }
        catch (RpcErrorException)
        {
            // A revert is the contract's "no".
            return false;
        }
    }

    private static WalletAddress? Recover(string message, string signature)
    {
        try
        {
            var address = new EthereumMessageSigner().EncodeUTF8AndEcRecover(message, signature);
            return WalletAddress.TryParse(address, out var wallet) ? wallet : null;
        }
        catch (Exception error) when (error is ArgumentException or FormatException or InvalidOperationException or Org.BouncyCastle.Crypto.DataLengthException)
        {
            return null;
        }
    }
}
