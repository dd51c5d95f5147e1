using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>Settles one request from what its response showed; the relays call it before the response's last bytes.</summary>
internal interface IResponseBilling
{
    /// <summary>
    /// Charges the request for the provider's usage, or — when none came — for the prompt estimate and the generated
    /// text counted by the gateway (marked estimated), plus, for a stream the gateway stopped following while the
    /// provider may have gone on (<paramref name="abandoned"/>: its client left, or the total timeout passed), the
    /// reasoning it may have hidden, up to its maximum output. <see langword="null"/> when nothing was charged. Waits
    /// until the charge is durable. Called at most once per request.
    /// </summary>
    Task<ChargeRecord?> SettleAsync(TokenUsage? usage, DeltaTextCollector? generated, bool streamed, bool abandoned = false);

    /// <summary>
    /// Charges the current attempt as a generation that ran to its maximum output: its worst case at the endpoint it
    /// went to (never more than the hold). For an answer the provider was most likely generating, and billing, when the
    /// gateway stopped waiting for it. Waits until the charge is durable.
    /// </summary>
    Task<ChargeRecord?> SettleAtWorstCaseAsync();

    /// <summary>The account's balance as this node knows it, after this request's charge.</summary>
    long KnownBalance { get; }

    /// <summary>Releases the hold without charging (the provider failed without billing).</summary>
    void Void();
}
