namespace Tollway.Gateway.Configuration;

/// <summary>
/// Pay-per-request over HTTP 402 (x402), under <c>X402</c>: a model request without an API key is answered with
/// payment requirements for its worst case, and a paid retry is verified, settled on chain and served.
/// </summary>
public sealed class X402Options
{
    /// <summary>Off by default: without it, a request without a key is refused with 401 as before.</summary>
    public bool Enabled { get; set; }

    /// <summary>The chain and token pairs offered, one offer each, in this order. Each must name a configured chain
    /// (under <c>Chains</c>) with a treasury, and a token of it with an EIP-712 name and version (EIP-3009).</summary>
    public List<X402OfferOptions> Offers { get; set; } = [];

    /// <summary>The environment variable holding the relayer's private key (hex), which signs and pays the gas of the
    /// <c>transferWithAuthorization</c> transactions. Read once at start and never logged. Not needed with a
    /// <see cref="FacilitatorUrl"/>.</summary>
    public string RelayerKeyEnv { get; set; } = "X402_RELAYER_KEY";

    /// <summary>An x402 facilitator (its base URL; Tollway calls <c>/verify</c> and <c>/settle</c>) that settles instead
    /// of the relayer. Tollway still checks every payment itself first.</summary>
    public string? FacilitatorUrl { get; set; }

    /// <summary>The largest worst case, in USD, that a request may be quoted; a dearer request is refused with 400
    /// (lower its <c>max_tokens</c>) rather than asking an agent for an unbounded payment.</summary>
    public string MaxQuoteUsd { get; set; } = "5";

    /// <summary>The <c>maxTimeoutSeconds</c> offered: how long the payer's authorization should stay valid.</summary>
    public int MaxTimeoutSeconds { get; set; } = 300;

    /// <summary>An authorization must stay valid at least this long after it arrives, so that settlement (a
    /// transaction and its confirmations) finishes before it expires on chain.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long settlement may take (sending, mining, confirmations) before it counts as failed.</summary>
    public TimeSpan SettlementTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The resource description shown to the payer.</summary>
    public string Description { get; set; } = "One model request through the Tollway gateway, paid for its worst case; the unused rest stays as the paying wallet's credit.";
}
