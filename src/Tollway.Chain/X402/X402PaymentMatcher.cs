using System.Numerics;

namespace Tollway.Chain.X402;

/// <summary>
/// Every check of a payment that needs no chain, in the order that names the most useful reason first: the header
/// decodes, its version and scheme are supported, it pays one of this request's offers (network, token, treasury), its
/// value is this request's quote, it is valid now and for <c>minimumValidity</c> to come (the settlement timeout and a
/// margin: an authorization that could expire while its transfer is still being mined is never sent), and the payer
/// signed it.
/// </summary>
public static class X402PaymentMatcher
{
    /// <summary>The attempt, or the failure with its detail.</summary>
    public static (X402PaymentAttempt? Attempt, X402Failure Failure, string Detail) Match(
        string header, X402PaymentTerms terms, Func<X402Offer, ExactAuthorization, bool> isSignedByPayer)
    {
        var (payload, offers, refusal) = Offered(header, terms.Offers);
        if (refusal is { } refused)
        {
            return Fail(refused.Failure, refused.Detail);
        }

        if (ExactAuthorization.TryParse(payload!.Payload) is not { } authorization)
        {
            return Fail(X402Failure.Malformed, "the payload's signature or authorization is missing or malformed");
        }

        var offer = offers[0];
        if ((PaysTheQuote(authorization, offer, payload.Accepted, terms.WorstCaseNanos)
            ?? IsValidNow(authorization, terms.Now, terms.MinimumValidity)) is { } invalid)
        {
            return Fail(invalid.Failure, invalid.Detail);
        }

        // Version 1 does not name the token: the signature's domain does, so the offer is the one it verifies under.
        var signed = offers.FirstOrDefault(o => o.Decimals == offer.Decimals && isSignedByPayer(o, authorization));
        if (signed is null)
        {
            return Fail(X402Failure.BadSignature, $"the signature was not made by '{authorization.From}' for this authorization");
        }

        var requirements = payload.Accepted ?? X402Challenge.Requirements(signed, terms.WorstCaseNanos, terms.MaxTimeoutSeconds);
        return (new X402PaymentAttempt(payload.X402Version, signed, authorization, payload, requirements), default, "");
    }

    /// <summary>The payload and the offers it may pay (network, and for version 2 the asset and treasury it accepted),
    /// or why none: the header, version and scheme are checked first.</summary>
    private static (PaymentPayload? Payload, List<X402Offer> Offers, Refusal? Refusal) Offered(string header, IReadOnlyList<X402Offer> offers)
    {
        if (X402Codec.DecodePayment(header) is not { } payload)
        {
            return Refuse(X402Failure.Malformed, "the payment header is not base64-encoded JSON of an x402 payment payload");
        }

        if (payload.X402Version is not (1 or 2))
        {
            return Refuse(X402Failure.UnsupportedVersion, $"x402 version {payload.X402Version} is not supported (1 and 2 are)");
        }

        var accepted = payload.Accepted;
        if (payload.X402Version == 2 && accepted is null)
        {
            return Refuse(X402Failure.Malformed, "an x402 version 2 payment must name the offer it accepted in 'accepted'");
        }

        var scheme = payload.X402Version == 2 ? accepted!.Scheme : payload.Scheme;
        if (!string.Equals(scheme, X402Challenge.ExactScheme, StringComparison.Ordinal))
        {
            return Refuse(X402Failure.UnsupportedScheme, $"the scheme '{scheme}' is not offered (only 'exact' is)");
        }

        var network = payload.X402Version == 2 ? accepted!.Network : payload.Network;
        var onNetwork = X402Networks.ChainIdOf(network) is { } chainId ? offers.Where(o => o.ChainId == chainId).ToList() : [];
        if (onNetwork.Count == 0)
        {
            return Refuse(X402Failure.UnknownNetwork, $"the network '{network}' is not offered");
        }

        if (accepted is not null)
        {
            onNetwork = [.. onNetwork.Where(o => SameAddress(o.Asset, accepted.Asset))];
            if (onNetwork.Count == 0 || !SameAddress(onNetwork[0].PayTo, accepted.PayTo))
            {
                return Refuse(X402Failure.UnknownAsset, $"the asset '{accepted.Asset}' paid to '{accepted.PayTo}' is not offered on '{network}'");
            }
        }

        return (payload, onNetwork, null);
    }

    /// <summary>Why the authorization does not pay this request's quote to the offer's treasury, if it does not.</summary>
    private static Refusal? PaysTheQuote(ExactAuthorization authorization, X402Offer offer, PaymentRequirements? accepted, long worstCaseNanos)
    {
        if (!SameAddress(authorization.To, offer.PayTo))
        {
            return new(X402Failure.RecipientMismatch, $"the authorization pays '{authorization.To}', not the treasury '{offer.PayTo}'");
        }

        var quote = X402Challenge.AmountFor(offer, worstCaseNanos);
        return authorization.Value != quote || (accepted is not null && ExactAuthorization.ParseUint(accepted.Amount) != quote)
            ? new(X402Failure.AmountMismatch, $"the authorization is for {authorization.Value} but this request costs {quote} now")
            : null;
    }

    /// <summary>Why the authorization is not valid now and for <paramref name="minimumValidity"/> to come, if it is not.</summary>
    private static Refusal? IsValidNow(ExactAuthorization authorization, DateTimeOffset now, TimeSpan minimumValidity)
    {
        var nowSeconds = new BigInteger(now.ToUnixTimeSeconds());
        var validFor = (long)Math.Ceiling(minimumValidity.TotalSeconds);
        if (authorization.ValidBefore <= nowSeconds + validFor)
        {
            return new(X402Failure.Expired,
                $"the authorization expires at {authorization.ValidBefore}, less than {validFor} s from now ({nowSeconds}): settlement may take that long");
        }

        return authorization.ValidAfter >= nowSeconds
            ? new(X402Failure.NotYetValid, $"the authorization is valid only after {authorization.ValidAfter} (now {nowSeconds})")
            : null;
    }

    private static bool SameAddress(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static (X402PaymentAttempt?, X402Failure, string) Fail(X402Failure failure, string detail) => (null, failure, detail);

    private static (PaymentPayload?, List<X402Offer>, Refusal?) Refuse(X402Failure failure, string detail) => (null, [], new(failure, detail));

    /// <summary>A check that failed: the reason and its detail.</summary>
    private readonly record struct Refusal(X402Failure Failure, string Detail);
}
