using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// The money side of one request: the hold taken before it was forwarded (for the dearest of its candidate endpoints),
/// the quotes they were admitted at, and the charge it settles to — at the price of the endpoint that answered. One
/// hold across every attempt; settling and voiding resolve it, so whichever comes first is the only one.
/// </summary>
internal sealed class RequestBilling(
    BalanceBook book,
    Hold hold,
    IReadOnlyList<EndpointQuote> candidates,
    IPromptTokenEstimator estimator,
    TimeProvider timeProvider,
    RequestBillingSubject subject) : IResponseBilling
{
    private EndpointQuote _current = candidates[0];

    /// <summary>The endpoints the request may go to, priced, in the order planned.</summary>
    public IReadOnlyList<EndpointQuote> Candidates => candidates;

    /// <summary>The endpoint the current (or last) attempt is billed at.</summary>
    public EndpointQuote Current => _current;

    /// <summary>Bills the next attempt at this endpoint's quote.</summary>
    public void UseEndpoint(EndpointQuote candidate) => _current = candidate;

    /// <summary>The charge, once settled.</summary>
    public ChargeRecord? Charge { get; private set; }

    /// <summary>The hold behind the request.</summary>
    public Hold Hold => hold;

    public Task<ChargeRecord?> SettleAsync(TokenUsage? usage, DeltaTextCollector? generated, bool streamed, bool abandoned = false)
    {
        if (hold.IsResolved)
        {
            return Task.FromResult(Charge);
        }

        var tokens = usage is { } reported ? BilledUsage.Tokens(reported, _current.Features) : Estimate(generated, abandoned);
        var quote = _current.Quote;
        return SettleAsync(tokens, CostCalculator.Price(quote.Pricing, tokens, quote.MarkupPartsPerMillion), estimated: usage is null, streamed);
    }

    public Task<ChargeRecord?> SettleAtWorstCaseAsync() =>
        hold.IsResolved
            ? Task.FromResult(Charge)
            : SettleAsync(
                new BilledTokens(
                    _current.PromptEstimate, _current.OutputAllowance, WebSearches: _current.Features.MaxWebSearches, AudioTokens: _current.AudioAllowance),
                _current.WorstCaseCost, estimated: true, streamed: false);

    public void Void() => book.Void(hold);

    public long KnownBalance => hold.KnownBalance;

    /// <summary>
    /// The tokens of an answer without usage: the prompt estimate (its audio as held), the generated text as counted and
    /// every search the request allowed. A stream abandoned without usage may also have spent reasoning tokens it never showed, which the
    /// provider bills: unless the endpoint is known not to reason, those are taken to have filled the rest of the output
    /// the request allowed.
    /// </summary>
    private BilledTokens Estimate(DeltaTextCollector? generated, bool abandoned)
    {
        var counted = generated is null || generated.IsEmpty ? 0 : estimator.CountCompletionTokens(generated.ToString(), _current.Endpoint.UpstreamModel);
        var allowance = _current.OutputAllowance;
        var searches = _current.Features.MaxWebSearches;
        var audio = _current.AudioAllowance;
        return !abandoned || _current.Endpoint.SupportsReasoning == false || counted >= allowance
            ? new BilledTokens(_current.PromptEstimate, counted, WebSearches: searches, AudioTokens: audio)
            : new BilledTokens(_current.PromptEstimate, allowance, ReasoningTokens: allowance - counted, WebSearches: searches, AudioTokens: audio);
    }

    private async Task<ChargeRecord?> SettleAsync(BilledTokens tokens, Cost cost, bool estimated, bool streamed)
    {
        var charge = new ChargeRecord
        {
            RequestId = subject.RequestId,
            AccountId = hold.AccountId,
            KeyId = subject.KeyId,
            Model = _current.Model.Id,
            Provider = _current.Endpoint.Provider.Name,
            UpstreamModel = _current.Endpoint.UpstreamModel,
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
}
