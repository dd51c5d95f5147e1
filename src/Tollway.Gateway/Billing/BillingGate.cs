using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.OpenAi;
using Tollway.Gateway.Policies;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.Tokens;

namespace Tollway.Gateway.Billing;

/// <summary>
/// Decides whether a request may go upstream and reserves what it may cost: quote (a model without a price is
/// refused), worst case (prompt estimate × input price + maximum output × output price, plus markup), the key's
/// limits, then a hold on the balance. All in memory unless the node's lease on the balance runs short.
/// </summary>
internal sealed class BillingGate(
    PriceBookState prices,
    IPromptTokenEstimator estimator,
    KeyPolicyGate policies,
    BalanceBook balances,
    IOptions<TollwayOptions> options,
    TimeProvider timeProvider)
{
    private readonly int _defaultMaxOutput = options.Value.Billing.DefaultMaxOutputTokens;

    /// <summary>
    /// Prices every candidate endpoint (those without a price are dropped: they are never served free), holds the
    /// dearest worst case among them — so a failover to a pricier endpoint is still covered — after the key's limits
    /// admit it. The prompt is counted once per tokenizer family, before the body is let go.
    /// </summary>
    public async ValueTask<BillingAdmission> AdmitAsync(
        ApiKeyRecord key, IReadOnlyList<(CatalogModel Model, ModelEndpoint Endpoint)> plan, Proxy.InspectedRequest request, ReadOnlyMemory<byte> body,
        Providers.GatewayOperation operation, string requestId, CancellationToken cancellationToken)
    {
        var (candidates, unpriced) = PriceCandidates(plan, request, body, operation, key.AccountId);
        if (unpriced is not null)
        {
            return BillingAdmission.Refused(unpriced);
        }

        var dearest = candidates.MaxBy(c => c.WorstCase)!;
        var tokens = (long)dearest.PromptEstimate + dearest.OutputAllowance;
        var (policy, refusal) = await policies.AdmitAsync(key, tokens, dearest.WorstCase, cancellationToken);
        if (policy is null)
        {
            return BillingAdmission.Refused(refusal!);
        }

        var held = await balances.TryHoldAsync(key.AccountId, dearest.WorstCase, cancellationToken);
        if (held.Hold is not { } hold)
        {
            return BillingAdmission.Refused(OpenAiError.InsufficientBalance(dearest.WorstCase, held.Available), policy);
        }

        var subject = new RequestBillingSubject(requestId, key.Id);
        return BillingAdmission.Admitted(new RequestBilling(balances, hold, candidates, estimator, timeProvider, subject), policy);
    }

    /// <summary>
    /// Prices every candidate endpoint for the account (those without a price are dropped, and so are those whose
    /// context window the prompt and its output overflow); the error when none is left. The worst case of the dearest
    /// candidate is what the request may cost: the hold above, and the x402 quote of a request without a key.
    /// </summary>
    internal (List<EndpointQuote> Candidates, OpenAiError? Refusal) PriceCandidates(
        IReadOnlyList<(CatalogModel Model, ModelEndpoint Endpoint)> plan, Proxy.InspectedRequest request, ReadOnlyMemory<byte> body,
        Providers.GatewayOperation operation, string accountId)
    {
        var priceBook = prices.Current;
        var candidates = new List<EndpointQuote>(plan.Count);
        var tooLong = false;
        // Each endpoint's prompt estimate (-1: not counted), in a span rather than a dictionary: a plan has a handful of
        // endpoints, and this runs on every request.
        Span<int> estimates = plan.Count <= 32 ? stackalloc int[plan.Count] : new int[plan.Count];
        estimates.Fill(-1);
        for (var i = 0; i < plan.Count; i++)
        {
            var (model, endpoint) = plan[i];
            if (priceBook.Quote(model, endpoint, accountId) is not { } quote)
            {
                continue;
            }

            // Counted once per upstream model: fallbacks often share one, and counting walks the whole body.
            var promptTokens = EstimatedBefore(plan, estimates, i);
            if (promptTokens < 0)
            {
                promptTokens = estimator.EstimatePromptTokens(body.Span, operation, endpoint.UpstreamModel);
            }

            estimates[i] = promptTokens;

            var maxOutput = MaxOutput(model, endpoint, request);
            // Context-window fallback: an endpoint too small for this prompt and its output is skipped, not tried.
            if (endpoint.ContextLength is { } context && (long)promptTokens + maxOutput > context)
            {
                tooLong = true;
                continue;
            }

            // Refused whole, not skipped: a worst case no long can hold is the request's doing, whichever endpoint it meets.
            if (WorstCase(quote, promptTokens, maxOutput, request.Choices) is not { } worstCase)
            {
                return (candidates, Unrepresentable(quote, promptTokens, maxOutput, request, operation));
            }

            candidates.Add(new EndpointQuote(model, endpoint, quote, promptTokens, checked(maxOutput * request.Choices), worstCase));
        }

        if (candidates.Count > 0)
        {
            return (candidates, null);
        }

        return (candidates, tooLong
            ? OpenAiError.InvalidRequest(
                $"The prompt and max_tokens do not fit the context window of any endpoint of '{plan[0].Model.Id}'.", "messages", "context_length_exceeded")
            : OpenAiError.ModelNotPriced(plan[0].Model.Id));
    }

    /// <summary>The estimate of an earlier endpoint of the plan for the same upstream model, or -1.</summary>
    private static int EstimatedBefore(IReadOnlyList<(CatalogModel Model, ModelEndpoint Endpoint)> plan, ReadOnlySpan<int> estimates, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (estimates[j] >= 0 && string.Equals(plan[j].Endpoint.UpstreamModel, plan[index].Endpoint.UpstreamModel, StringComparison.Ordinal))
            {
                return estimates[j];
            }
        }

        return -1;
    }

    /// <summary>
    /// The worst case of a request at one endpoint, or <see langword="null"/> when it cannot be represented: its cost in
    /// a <see cref="long"/> of nano-USD, and its tokens (prompt and every choice's output) in the <see cref="int"/> counts
    /// charges and key limits keep.
    /// </summary>
    private static Cost? WorstCase(PriceQuote quote, int promptTokens, int maxOutput, int choices) =>
        (long)promptTokens + ((long)maxOutput * choices) > int.MaxValue
            ? null
            : CostCalculator.WorstCase(quote.Pricing, promptTokens, maxOutput, choices, quote.MarkupPartsPerMillion);

    /// <summary>The 400 for a worst case that cannot be represented, naming the member that made it so: the prompt if it
    /// alone is too much, else the maximum output if one choice of it is, else <c>n</c>.</summary>
    private static OpenAiError Unrepresentable(PriceQuote quote, int promptTokens, int maxOutput, Proxy.InspectedRequest request, Providers.GatewayOperation operation)
    {
        var param = WorstCase(quote, promptTokens, 0, 1) is null ? Proxy.RequestInspector.RequiredFieldName(operation)
            : WorstCase(quote, promptTokens, maxOutput, 1) is null ? request.MaxOutputTokensParam
            : "n";
        return OpenAiError.InvalidRequest(
            $"The most this request could cost is more than this gateway can hold for: lower '{param}'.", param, "worst_case_too_large");
    }

    private int MaxOutput(CatalogModel model, ModelEndpoint endpoint, Proxy.InspectedRequest request) =>
        model.Kind == ModelKind.Embedding ? 0 : request.MaxOutputTokens ?? endpoint.MaxOutputTokens ?? _defaultMaxOutput;
}
