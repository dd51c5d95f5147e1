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
    BalanceBook book,
    IOptions<TollwayOptions> options,
    TimeProvider timeProvider)
{
    private readonly int _defaultMaxOutput = options.Value.Billing.DefaultMaxOutputTokens;

    /// <summary>Tokens the prompt will be billed at, at most (counted before the body is let go).</summary>
    public int EstimatePrompt(ReadOnlySpan<byte> body, Providers.GatewayOperation operation, ModelEndpoint endpoint) =>
        estimator.EstimatePromptTokens(body, operation, endpoint.UpstreamModel);

    public async ValueTask<BillingAdmission> AdmitAsync(
        ApiKeyRecord key, CatalogModel model, ModelEndpoint endpoint, Proxy.InspectedRequest request, int promptTokens, string requestId, CancellationToken cancellationToken)
    {
        if (prices.Current.Quote(model, endpoint, key.AccountId) is not { } quote)
        {
            return BillingAdmission.Refused(OpenAiError.ModelNotPriced(model.Id));
        }

        var maxOutput = model.Kind == ModelKind.Embedding ? 0 : request.MaxOutputTokens ?? endpoint.MaxOutputTokens ?? _defaultMaxOutput;
        var worstCase = CostCalculator.WorstCase(quote.Pricing, promptTokens, maxOutput, request.Choices, quote.MarkupPartsPerMillion).Total;
        var (policy, refusal) = await policies.AdmitAsync(key, promptTokens + (maxOutput * Math.Max(request.Choices, 1)), worstCase, cancellationToken);
        if (policy is null)
        {
            return BillingAdmission.Refused(refusal!);
        }

        var held = await book.TryHoldAsync(key.AccountId, worstCase, cancellationToken);
        if (held.Hold is not { } hold)
        {
            return BillingAdmission.Refused(OpenAiError.InsufficientBalance(worstCase, held.Available), policy);
        }

        var subject = new RequestBillingSubject(requestId, key.Id, model.Id, endpoint.Provider.Name, endpoint.UpstreamModel, promptTokens);
        return BillingAdmission.Admitted(new RequestBilling(book, hold, quote, estimator, timeProvider, subject), policy);
    }
}
