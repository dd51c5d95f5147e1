using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Nethereum.Signer;
using Tollway.Chain.X402;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.X402;

/// <summary>Builds payment headers the way an x402 client does: an EIP-3009 authorization for an offer, signed with
/// the wallet's key over the token's EIP-712 domain, base64 JSON in version 2 or version 1 form.</summary>
public static class X402Payer
{
    /// <summary>An authorization of <paramref name="requirements"/>' amount to its payee, valid from a minute ago for
    /// <paramref name="validFor"/> (five minutes by default), with a fresh random nonce.</summary>
    public static Eip3009Authorization Authorize(TestWallet wallet, PaymentRequirements requirements, TimeSpan? validFor = null, string? value = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Eip3009Authorization(wallet.Address, requirements.PayTo, value ?? requirements.Amount,
            (now - 60).ToString(CultureInfo.InvariantCulture),
            (now + (long)(validFor ?? TimeSpan.FromMinutes(5)).TotalSeconds).ToString(CultureInfo.InvariantCulture),
            "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
    }

    /// <summary>The 65-byte signature (hex) of <paramref name="authorization"/> by <paramref name="signer"/>.</summary>
    public static string Sign(EthECKey signer, PaymentRequirements requirements, Eip3009Authorization authorization)
    {
        var offer = new X402Offer("", X402Networks.ChainIdOf(requirements.Network)!.Value, "", requirements.Asset, 6,
            requirements.Extra!.Name!, requirements.Extra.Version!, requirements.PayTo);
        var parsed = ExactAuthorization.TryParse(new ExactEvmPayload("0x" + new string('0', 130), authorization))!;
        var signature = signer.SignAndCalculateV(Eip3009Abi.Digest(offer, parsed));
        return "0x" + Convert.ToHexStringLower(Pad(signature.R)) + Convert.ToHexStringLower(Pad(signature.S)) + Convert.ToHexStringLower(signature.V);
    }

    private static byte[] Pad(byte[] word) => word.Length >= 32 ? word[^32..] : [.. new byte[32 - word.Length], .. word];

    /// <summary>A version-2 <c>PAYMENT-SIGNATURE</c> header.</summary>
    public static string V2(PaymentRequired challenge, Eip3009Authorization authorization, EthECKey signer, PaymentRequirements? accepted = null)
    {
        var requirements = accepted ?? challenge.Accepts[0];
        return X402Codec.Encode(new PaymentPayload(2, requirements, null, null,
            new ExactEvmPayload(Sign(signer, challenge.Accepts[0], authorization), authorization), challenge.Resource));
    }

    /// <summary>A version-1 <c>X-PAYMENT</c> header for the first offer of a challenge.</summary>
    public static string V1(PaymentRequired challenge, Eip3009Authorization authorization, EthECKey signer) =>
        X402Codec.Encode(new PaymentPayload(1, null, "exact", challenge.Accepts[0].Network,
            new ExactEvmPayload(Sign(signer, challenge.Accepts[0], authorization), authorization)));

    /// <summary>The units an amount string names.</summary>
    public static BigInteger Units(string amount) => BigInteger.Parse(amount, CultureInfo.InvariantCulture);
}
