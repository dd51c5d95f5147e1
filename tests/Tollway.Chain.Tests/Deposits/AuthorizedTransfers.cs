using System.Numerics;
using System.Security.Cryptography;
using Tollway.Chain.X402;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// Sends what an x402 settlement sends: a <c>transferWithAuthorization</c> of the holder's tokens to the treasury,
/// signed by the holder over the test token's EIP-712 domain and relayed by another address, as the gateway's relayer
/// or a facilitator would.
/// </summary>
internal static class AuthorizedTransfers
{
    /// <summary>Sends it; returns the transaction's receipt and the authorization's nonce (<c>0x</c> + 64 hex digits).</summary>
    public static async Task<(TransactionReceipt Receipt, string Nonce)> SendAsync(TestToken token, TestWallet holder, string to, BigInteger value)
    {
        var offer = new X402Offer("", token.Node.ChainId, "", token.Address, TestToken.Decimals, token.Name, token.Version, to);
        var unsigned = new ExactAuthorization(holder.LowerAddress, to, value, 0, BigInteger.Pow(2, 64), RandomNumberGenerator.GetBytes(32), new byte[65]);
        var signature = holder.Key.SignAndCalculateV(Eip3009Abi.Digest(offer, unsigned));
        var authorization = unsigned with { Signature = [.. Word(signature.R), .. Word(signature.S), .. signature.V] };
        var receipt = await token.Node.SendAsync(TestWallet.Create().LowerAddress, token.Address, Eip3009Abi.TransferWithAuthorization(authorization));
        return (receipt, authorization.NonceHex);
    }

    private static byte[] Word(byte[] value) => value.Length >= 32 ? value[^32..] : [.. new byte[32 - value.Length], .. value];
}
