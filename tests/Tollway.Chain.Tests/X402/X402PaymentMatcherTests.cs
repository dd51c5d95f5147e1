using System.Globalization;
using Tollway.Chain.X402;

namespace Tollway.Chain.Tests.X402;

public sealed class X402PaymentMatcherTests
{
    private const string Payer = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private const long WorstCase = 1_234_567; // nano-USD: 1,235 units of a 6-decimal token
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    private static readonly X402Offer Usdc = new("local", 31337, "TUSD", "0x5fbdb2315678afecb367f032d93f642f64180aa3", 6, "Tollway Test USD", "1",
        "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    private static readonly X402Offer Other = new("base", 8453, "USDC", "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", 6, "USD Coin", "2",
        "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    [Fact]
    public void Match_PaymentForThisQuote_ReturnsTheAttempt()
    {
        var (attempt, _, _) = Match(V2());

        Assert.NotNull(attempt);
        Assert.Equal(Usdc, attempt.Offer);
        Assert.Equal(Payer, attempt.Authorization.From);
        Assert.Equal(new X402AuthorizationKey(31337, Usdc.Asset, Payer, "0x" + new string('1', 64)), attempt.Key);
    }

    [Fact]
    public void Match_VersionOnePayment_FindsTheOfferByNetworkAndSignature()
    {
        var payload = new PaymentPayload(1, null, "exact", "eip155:31337", Exact());

        var (attempt, _, _) = Match(payload);

        Assert.Equal(1, attempt?.Version);
        Assert.Equal("1235", attempt?.Requirements.Amount);
    }

    [Fact]
    public void Match_NotBase64_IsMalformed() =>
        AssertFails(X402Failure.Malformed, X402PaymentMatcher.Match("%%%", new X402PaymentTerms([Usdc], WorstCase, 300, Now, Margin), Signed));

    [Fact]
    public void Match_VersionThree_IsUnsupported() => AssertFails(X402Failure.UnsupportedVersion, Match(V2() with { X402Version = 3 }));

    [Fact]
    public void Match_OtherScheme_IsUnsupported() =>
        AssertFails(X402Failure.UnsupportedScheme, Match(V2() with { Accepted = Accepted() with { Scheme = "upto" } }));

    [Fact]
    public void Match_NetworkNotOffered_IsUnknownNetwork() =>
        AssertFails(X402Failure.UnknownNetwork, Match(V2() with { Accepted = Accepted() with { Network = "eip155:1" } }));

    [Fact]
    public void Match_AssetNotOffered_IsUnknownAsset() =>
        AssertFails(X402Failure.UnknownAsset, Match(V2() with { Accepted = Accepted() with { Asset = "0x" + new string('9', 40) } }));

    [Fact]
    public void Match_AuthorizationToAnotherAddress_IsRecipientMismatch() =>
        AssertFails(X402Failure.RecipientMismatch, Match(V2(Authorization() with { To = "0x" + new string('7', 40) })));

    [Theory]
    [InlineData("1234")]
    [InlineData("1236")]
    public void Match_ValueOtherThanTheQuote_IsAmountMismatch(string value) =>
        AssertFails(X402Failure.AmountMismatch, Match(V2(Authorization() with { Value = value })));

    [Fact]
    public void Match_AcceptedAmountOtherThanTheQuote_IsAmountMismatch() =>
        AssertFails(X402Failure.AmountMismatch, Match(V2() with { Accepted = Accepted() with { Amount = "1" } }));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(30)]
    public void Match_ExpiringWithinTheMargin_IsExpired(int secondsFromNow) =>
        AssertFails(X402Failure.Expired, Match(V2(Authorization() with { ValidBefore = Seconds(secondsFromNow) })));

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void Match_ValidOnlyLater_IsNotYetValid(int secondsFromNow) =>
        AssertFails(X402Failure.NotYetValid, Match(V2(Authorization() with { ValidAfter = Seconds(secondsFromNow) })));

    [Fact]
    public void Match_SignatureByAnotherKey_IsBadSignature() =>
        AssertFails(X402Failure.BadSignature,
            X402PaymentMatcher.Match(X402Codec.Encode(V2()), new X402PaymentTerms([Usdc], WorstCase, 300, Now, Margin), (_, _) => false));

    [Fact]
    public void Match_WorstCaseBelowTheOffersMinimum_ExpectsTheMinimum()
    {
        var offer = Usdc with { MinimumQuote = 120_000 };
        var accepted = X402Challenge.Requirements(offer, 0, 300);
        var payment = new PaymentPayload(2, accepted, null, null, Exact(Authorization() with { Value = "120" }));

        var (attempt, _, _) = X402PaymentMatcher.Match(X402Codec.Encode(payment), new X402PaymentTerms([offer], 0, 300, Now, Margin), (o, _) => o == offer);

        Assert.Equal("120", accepted.Amount);
        Assert.Equal(120, attempt?.Authorization.Value);
        AssertFails(X402Failure.AmountMismatch, X402PaymentMatcher.Match(
            X402Codec.Encode(payment with { Accepted = accepted with { Amount = "0" }, Payload = Exact(Authorization() with { Value = "0" }) }),
            new X402PaymentTerms([offer], 0, 300, Now, Margin), (o, _) => o == offer));
    }

    [Fact]
    public void Match_ValidOneSecondPastTheMargin_IsAccepted()
    {
        Assert.NotNull(Match(V2(Authorization() with { ValidBefore = Seconds(31), ValidAfter = Seconds(-1) })).Attempt);
    }

    private static (X402PaymentAttempt? Attempt, X402Failure Failure, string Detail) Match(PaymentPayload payload) =>
        X402PaymentMatcher.Match(X402Codec.Encode(payload), new X402PaymentTerms([Other, Usdc], WorstCase, 300, Now, Margin), Signed);

    private static bool Signed(X402Offer offer, ExactAuthorization authorization) => offer == Usdc;

    private static void AssertFails(X402Failure expected, (X402PaymentAttempt? Attempt, X402Failure Failure, string Detail) result)
    {
        Assert.Null(result.Attempt);
        Assert.Equal(expected, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Detail));
    }

    private static string Seconds(int fromNow) => (Now.ToUnixTimeSeconds() + fromNow).ToString(CultureInfo.InvariantCulture);

    private static PaymentRequirements Accepted() => X402Challenge.Requirements(Usdc, WorstCase, 300);

    private static Eip3009Authorization Authorization() => new(Payer, Usdc.PayTo, "1235", "0", Seconds(300), "0x" + new string('1', 64));

    private static ExactEvmPayload Exact(Eip3009Authorization? authorization = null) => new("0x" + new string('a', 130), authorization ?? Authorization());

    private static PaymentPayload V2(Eip3009Authorization? authorization = null) => new(2, Accepted(), null, null, Exact(authorization));
}
