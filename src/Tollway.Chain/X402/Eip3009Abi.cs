using System.Numerics;
using System.Text;
using Nethereum.Util;

namespace Tollway.Chain.X402;

/// <summary>
/// The EIP-3009 side of a token: the EIP-712 digest a <c>TransferWithAuthorization</c> is signed over, and the
/// calldata of <c>transferWithAuthorization</c>, <c>authorizationState</c> and <c>balanceOf</c>. Every argument is a
/// static type, so ABI encoding is 32-byte words back to back.
/// </summary>
internal static class Eip3009Abi
{
    private static readonly byte[] DomainTypeHash = Keccak("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    private static readonly byte[] TransferTypeHash =
        Keccak("TransferWithAuthorization(address from,address to,uint256 value,uint256 validAfter,uint256 validBefore,bytes32 nonce)");

    /// <summary>The EIP-712 digest the payer signs for this authorization under the offer's token domain.</summary>
    public static byte[] Digest(X402Offer offer, ExactAuthorization authorization)
    {
        var domain = Keccak(Concat(
            DomainTypeHash, Keccak(offer.Eip712Name), Keccak(offer.Eip712Version), Word(offer.ChainId), Address(offer.Asset)));
        var message = Keccak(Concat(
            TransferTypeHash, Address(authorization.From), Address(authorization.To), Word(authorization.Value),
            Word(authorization.ValidAfter), Word(authorization.ValidBefore), authorization.Nonce));
        return Keccak(Concat([0x19, 0x01], domain, message));
    }

    /// <summary><c>transferWithAuthorization(from, to, value, validAfter, validBefore, nonce, v, r, s)</c>: the form
    /// every EIP-3009 token has (USDC since its version 2).</summary>
    public static string TransferWithAuthorization(ExactAuthorization authorization)
    {
        var signature = authorization.Signature;
        var v = signature[64] < 27 ? signature[64] + 27 : signature[64];
        return Call("transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)",
            Address(authorization.From), Address(authorization.To), Word(authorization.Value), Word(authorization.ValidAfter),
            Word(authorization.ValidBefore), authorization.Nonce, Word(v), signature[..32], signature[32..64]);
    }

    /// <summary><c>authorizationState(authorizer, nonce)</c>: true once the nonce was used or canceled.</summary>
    public static string AuthorizationState(string authorizer, byte[] nonce) =>
        Call("authorizationState(address,bytes32)", Address(authorizer), nonce);

    /// <summary><c>balanceOf(owner)</c>.</summary>
    public static string BalanceOf(string owner) => Call("balanceOf(address)", Address(owner));

    private static string Call(string signature, params byte[][] words) =>
        "0x" + Convert.ToHexStringLower(Concat([Keccak(signature)[..4], .. words]));

    private static byte[] Keccak(string text) => Keccak(Encoding.UTF8.GetBytes(text));

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);

    private static byte[] Address(string address)
    {
        var word = new byte[32];
        Convert.FromHexString(address.AsSpan(2)).CopyTo(word, 12);
        return word;
    }

    private static byte[] Word(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var word = new byte[32];
        bytes.CopyTo(word, 32 - bytes.Length);
        return word;
    }

    private static byte[] Concat(params byte[][] parts)
    {
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
