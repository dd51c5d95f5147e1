using Tollway.Gateway.Ledger;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.Tokens;

namespace Tollway.Gateway.Billing;

/// <summary>
/// The money side of one request: the hold taken before it was forwarded, the quote it was admitted at, and the
/// charge it settles to. Settling and voiding resolve the same hold, so whichever comes first is the only one.
/// </summary>
internal sealed class RequestBilling(
    BalanceBook book,
    Hold hold,
    PriceQuote quote,
    IPromptTokenEstimator estimator,
    TimeProvider timeProvider,
    RequestBillingSubject subject) : IResponseBilling
{
    /// <summary>The charge, once settled.</summary>
    public ChargeRecord? Charge { get; private set; }

    /// <summary>The hold behind the request.</summary>
    public Hold Hold => hold;

    public async Task<ChargeRecord?> SettleAsync(TokenUsage? usage, DeltaTextCollector? generated, bool streamed)
    {
        if (hold.IsResolved)
        {
            return Charge;
        }

        var estimated = usage is null;
        var tokens = usage is { } reported
            ? new BilledTokens(reported.PromptTokens, reported.CompletionTokens, reported.CachedTokens, reported.CacheWriteTokens, reported.ReasoningTokens)
            : new BilledTokens(subject.PromptEstimate, generated is null || generated.IsEmpty ? 0 : estimator.CountCompletionTokens(generated.ToString(), subject.UpstreamModel));
        var cost = CostCalculator.Price(quote.Pricing, tokens, quote.MarkupPartsPerMillion);
        var charge = new ChargeRecord
        {
            RequestId = subject.RequestId,
            AccountId = hold.AccountId,
            KeyId = subject.KeyId,
            Model = subject.Model,
            Provider = subject.Provider,
            UpstreamModel = subject.UpstreamModel,
            PromptTokens = tokens.PromptTokens,
            CompletionTokens = tokens.CompletionTokens,
            CachedTokens = tokens.CachedTokens,
            CacheWriteTokens = tokens.CacheWriteTokens,
            ReasoningTokens = tokens.ReasoningTokens,
            ProviderCost = cost.ProviderCost,
            Markup = cost.Markup,
            Estimated = estimated,
            Streamed = streamed,
            CreatedAt = timeProvider.GetUtcNow(),
        };

        // The client may be gone already; the charge is still owed, so this wait is not tied to the request.
        Charge = await book.SettleAsync(hold, charge, CancellationToken.None);
        return Charge;
    }

    public void Void() => book.Void(hold);

    public long KnownBalance => hold.KnownBalance;
}
