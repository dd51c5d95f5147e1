using System.Globalization;
using System.Security.Cryptography;
using Tollway.Chain.X402;
using Tollway.FunctionalTests.X402;
using Tollway.Testing.Chain;

namespace Tollway.FunctionalTests.Security;

/// <summary>
/// Payment headers that are wrong in one way each, for <c>{{x402:variant}}</c>: signed for the case's own challenge (so
/// its amount is the quote the gateway asks for) by a wallet that holds no tokens, and then spoiled as the variant says
/// (<c>expiresTooSoon</c>: valid for less than the settlement could take).
/// </summary>
public static class X402Payments
{
    /// <summary>The payment for <paramref name="variant"/>; <paramref name="mustOutlast"/> is how long the gateway wants an
    /// authorization to stay valid after it arrives (<c>expiresTooSoon</c> falls ten seconds short of it).</summary>
    public static string Header(PaymentRequired challenge, string variant, TimeSpan mustOutlast)
    {
        var offer = challenge.Accepts[0];
        var payer = TestWallet.Create();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var authorization = new Eip3009Authorization(payer.Address, offer.PayTo, offer.Amount,
            Seconds(now - 60), Seconds(now + 3600), "0x" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        return variant switch
        {
            "unfunded" => X402Payer.V2(challenge, authorization, payer.Key),
            "expired" => X402Payer.V2(challenge, authorization with { ValidAfter = Seconds(now - 7200), ValidBefore = Seconds(now - 60) }, payer.Key),
            "expiresTooSoon" => X402Payer.V2(challenge, authorization with { ValidBefore = Seconds(now + (long)mustOutlast.TotalSeconds - 10) }, payer.Key),
            "notYetValid" => X402Payer.V2(challenge, authorization with { ValidAfter = Seconds(now + 600) }, payer.Key),
            "wrongAmount" => X402Payer.V2(challenge, authorization with { Value = "1" }, payer.Key),
            "zeroAmount" => X402Payer.V2(challenge, authorization with { Value = "0" }, payer.Key),
            "hugeAmount" => Unsigned(challenge, authorization with { Value = new string('9', 78) }),
            "wrongRecipient" => X402Payer.V2(challenge, authorization with { To = TestWallet.Create().Address }, payer.Key),
            "wrongNetwork" => X402Payer.V2(challenge, authorization, payer.Key, offer with { Network = "eip155:8453" }),
            "wrongAsset" => X402Payer.V2(challenge, authorization, payer.Key, offer with { Asset = TestWallet.Create().Address }),
            "wrongScheme" => X402Payer.V2(challenge, authorization, payer.Key, offer with { Scheme = "upto" }),
            "badSignature" => X402Payer.V2(challenge, authorization, TestWallet.Create().Key),
            "version3" => Unsigned(challenge, authorization, version: 3),
            "v1Expired" => X402Payer.V1(challenge, authorization with { ValidAfter = Seconds(now - 7200), ValidBefore = Seconds(now - 60) }, payer.Key),
            "v1BadSignature" => X402Payer.V1(challenge, authorization, TestWallet.Create().Key),
            _ => throw new InvalidDataException($"Unknown x402 variant '{variant}'."),
        };
    }

    /// <summary>A payment with a signature of zeros, for what is refused before any signature is checked.</summary>
    private static string Unsigned(PaymentRequired challenge, Eip3009Authorization authorization, int version = 2) =>
        X402Codec.Encode(new PaymentPayload(version, challenge.Accepts[0], null, null, new ExactEvmPayload("0x" + new string('0', 130), authorization), challenge.Resource));

    private static string Seconds(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
