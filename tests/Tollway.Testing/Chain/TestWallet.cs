using Nethereum.Signer;

namespace Tollway.Testing.Chain;

/// <summary>A fresh random wallet with its key, for signing sign-in messages and authorizations in tests.</summary>
public sealed class TestWallet
{
    private TestWallet(EthECKey key)
    {
        Key = key;
        Address = key.GetPublicAddress();
    }

    /// <summary>The secp256k1 key.</summary>
    public EthECKey Key { get; }

    /// <summary>The address, EIP-55 checksummed.</summary>
    public string Address { get; }

    /// <summary>The address, lower case.</summary>
    public string LowerAddress => Address.ToLowerInvariant();

    /// <summary>A new random wallet.</summary>
    public static TestWallet Create() => new(EthECKey.GenerateKey());

    /// <summary>Signs text the way wallets do for <c>personal_sign</c> (EIP-191); returns the 65-byte signature as hex.</summary>
    public string SignMessage(string message) => new EthereumMessageSigner().EncodeUTF8AndSign(message, Key);
}
