namespace Tollway.Chain.X402;

/// <summary>
/// Pay-per-request over HTTP 402 (x402), under <c>X402</c>: a model request without an API key is answered with
/// payment requirements for its worst case, and a paid retry is verified, settled on chain and served.
/// </summary>
public sealed class X402Options
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "X402";

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

    /// <summary>The smallest quote, in USD: a request whose worst case is less is quoted this, and the rest stays as the
    /// paying wallet's credit, so that no payment costs the relayer more gas than it brings. Unset, each offer's
    /// minimum covers the gas of one <c>transferWithAuthorization</c> on its chain (100,000 gas at the chain's
    /// <c>GasPriceGwei</c>, plus the relayer's one-fifth premium, at its <c>GasTokenUsd</c>).</summary>
    public string? MinQuoteUsd { get; set; }

    /// <summary>An authorization must stay valid this long beyond <see cref="SettlementTimeout"/> after it arrives, so
    /// that settlement (a transaction and its confirmations) always ends before it could expire on chain; one that
    /// expires sooner is refused before anything is sent.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long settlement may take (sending, mining, confirmations) before it counts as failed.</summary>
    public TimeSpan SettlementTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The resource description shown to the payer.</summary>
    public string Description { get; set; } = "One model request through the Tollway gateway, paid for its worst case; the unused rest stays as the paying wallet's credit.";
}
