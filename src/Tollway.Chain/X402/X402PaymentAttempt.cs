namespace Tollway.Chain.X402;

/// <summary>A payment that passed every check that needs no chain: the offer it pays, the parsed authorization, and
/// the payload and requirements as the client sent them (a facilitator is given these).</summary>
public sealed record X402PaymentAttempt(
    int Version, X402Offer Offer, ExactAuthorization Authorization, PaymentPayload Payload, PaymentRequirements Requirements)
{
    /// <summary>The key it is claimed and credited under.</summary>
    public X402AuthorizationKey Key => new(Offer.ChainId, Offer.Asset.ToLowerInvariant(), Authorization.From, Authorization.NonceHex);
}
