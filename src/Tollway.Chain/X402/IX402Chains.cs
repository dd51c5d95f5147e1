namespace Tollway.Chain.X402;

/// <summary>What x402 needs of the chain module that the gateway cannot do itself: the offers resolved from the chain
/// configuration, and EIP-712 signature recovery.</summary>
public interface IX402Chains
{
    /// <summary>The offers, in the configured order.</summary>
    IReadOnlyList<X402Offer> Offers { get; }

    /// <summary>Whether the EIP-3009 <c>TransferWithAuthorization</c> signature was made by the authorization's
    /// <c>from</c>, under the offer's token domain (name, version, chain id, contract).</summary>
    bool IsSignedByPayer(X402Offer offer, ExactAuthorization authorization);
}
