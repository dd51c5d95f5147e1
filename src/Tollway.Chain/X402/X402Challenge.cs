using System.Globalization;
using System.Numerics;

namespace Tollway.Chain.X402;

/// <summary>
/// Builds the payment requirements for one request: an <c>exact</c> offer per configured chain and token, each for
/// the request's worst case (at least the offer's minimum quote) in that token's atomic units, in both the v2 header
/// form and the v1 body form.
/// </summary>
public static class X402Challenge
{
    /// <summary>The only scheme offered and accepted.</summary>
    public const string ExactScheme = "exact";

    /// <summary>The atomic units of <paramref name="offer"/>'s token that cover its quote for <paramref name="worstCaseNanos"/>
    /// (the worst case, or the offer's minimum when that is more).</summary>
    public static BigInteger AmountFor(X402Offer offer, long worstCaseNanos) => TokenUnits.FromNanosRoundingUp(offer.QuoteFor(worstCaseNanos), offer.Decimals);

    /// <summary>The v2 requirements of one offer.</summary>
    public static PaymentRequirements Requirements(X402Offer offer, long worstCaseNanos, int maxTimeoutSeconds) => new(
        ExactScheme,
        offer.Network,
        AmountFor(offer, worstCaseNanos).ToString(CultureInfo.InvariantCulture),
        offer.Asset,
        offer.PayTo,
        maxTimeoutSeconds,
        new PaymentExtra(offer.Eip712Name, offer.Eip712Version));

    /// <summary>The challenge in both versions.</summary>
    public static (PaymentRequired V2, PaymentRequiredV1 V1) Build(
        IReadOnlyList<X402Offer> offers, long worstCaseNanos, ResourceInfo resource, int maxTimeoutSeconds, string error)
    {
        var v2 = new PaymentRequired(2, error, resource, [.. offers.Select(o => Requirements(o, worstCaseNanos, maxTimeoutSeconds))]);
        var v1 = new PaymentRequiredV1(1, error, [.. offers.Select(o => new PaymentRequirementsV1(
            ExactScheme,
            o.V1Network,
            AmountFor(o, worstCaseNanos).ToString(CultureInfo.InvariantCulture),
            resource.Url,
            resource.Description ?? "",
            resource.MimeType ?? "application/json",
            o.PayTo,
            maxTimeoutSeconds,
            o.Asset,
            new PaymentExtra(o.Eip712Name, o.Eip712Version)))]);
        return (v2, v1);
    }
}
