namespace Tollway.Chain.X402;

/// <summary>One chain and token that x402 payments are accepted in (<c>X402:Offers:N</c>).</summary>
public sealed class X402OfferOptions
{
    /// <summary>The chain's name under <c>Chains</c>.</summary>
    public string? Chain { get; set; }

    /// <summary>The token's symbol under that chain's tokens.</summary>
    public string? Token { get; set; }
}
