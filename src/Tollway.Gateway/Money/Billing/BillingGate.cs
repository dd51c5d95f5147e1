using Microsoft.Extensions.Options;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Access.Policies;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Decides whether a request may go upstream and reserves what it may cost: quote (a model without a price is
/// refused, and so is a feature it has no price for), worst case (prompt estimate — or the context window, for a prompt
/// that cannot be measured — × the dearest input price + maximum output × output price + fees, plus markup), the key's
/// limits, then a hold on the balance. All in memory unless the node's lease on the balance runs short.
/// </summary>
internal sealed class BillingGate(
    PriceBookState prices,
    IPromptTokenEstimator estimator,
    KeyPolicyGate policies,
    BalanceBook balances,
    IOptions<BillingOptions> options,
    TimeProvider timeProvider)
{
    private readonly int _defaultMaxOutput = options.Value.DefaultMaxOutputTokens;
    private readonly int _serverToolIterations = options.Value.ServerToolIterations;

    /// <summary>
    /// Prices every candidate endpoint (those without a price are dropped: they are never served free), holds the
    /// dearest worst case among them — so a failover to a pricier endpoint is still covered — after the key's limits
    /// admit it. The prompt is counted once per tokenizer family, before the body is let go.
    /// </summary>
    public async ValueTask<BillingAdmission> AdmitAsync(KeyChain key, AdmissionRequest request, CancellationToken cancellationToken)
    {
        var (candidates, unpriced) = PriceCandidates(request.Plan, request.Request, request.Body, request.Operation, key.Key.AccountId);
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

        HoldOutcome held;
        try
        {
            held = await balances.TryHoldAsync(key.Key.AccountId, dearest.WorstCase, cancellationToken);
        }
        catch (DatabaseUnavailableException)
        {
            // No lease to hold against and no database to lease from: nothing is held, nothing goes upstream.
            return BillingAdmission.Refused(GatewayError.DatabaseUnavailable(), policy);
        }
        catch (OperationCanceledException)
        {
            // The client left while its hold waited for the database: the key's limits forget the request.
            policy.Complete(0, 0);
            throw;
        }

        if (held.Hold is not { } hold)
        {
            return BillingAdmission.Refused(GatewayError.InsufficientBalance(dearest.WorstCase, held.Available), policy);
        }

        var subject = new RequestBillingSubject(request.RequestId, key.Key.Id);
        return BillingAdmission.Admitted(new RequestBilling(balances, hold, candidates, estimator, timeProvider, subject), policy);
    }

    /// <summary>
    /// Prices every candidate endpoint for the account (those without a price are dropped, and so are those without a
    /// price for a feature the request asks for, and those whose context window the prompt and its output overflow);
    /// the error when none is left. The worst case of the dearest candidate is what the request may cost: the hold
    /// above, and the x402 quote of a request without a key.
    /// </summary>
    internal (List<EndpointQuote> Candidates, GatewayError? Refusal) PriceCandidates(
        RoutePlan plan, InspectedRequest request, ReadOnlyMemory<byte> body,
        GatewayOperation operation, string accountId)
    {
        var priceBook = prices.Current;
        var candidates = new List<EndpointQuote>(plan.Count);
        var tooLong = false;
        GatewayError? refusal = null;
        // Each endpoint's prompt estimate (tokens -1: not counted), in a span rather than a dictionary: a plan has a
        // handful of endpoints, and this runs on every request.
        Span<PromptEstimate> estimates = plan.Count <= 32 ? stackalloc PromptEstimate[plan.Count] : new PromptEstimate[plan.Count];
        estimates.Fill(new PromptEstimate(-1));
        for (var i = 0; i < plan.Count; i++)
        {
            var (model, endpoint) = plan[i];
            if (priceBook.Quote(model, endpoint, accountId) is not { } listed)
            {
                continue;
            }

            // Counted once per upstream model and dialect: fallbacks often share one, and counting walks the whole body.
            var estimate = EstimatedBefore(plan, estimates, i);
            if (estimate.Tokens < 0)
            {
                estimate = Estimate(request, body, operation, endpoint);
            }

            estimates[i] = estimate;

            // What the prompt carries is priced as much as what the request's members ask for: audio, and documents.
            var asked = request.Features with { Audio = estimate.Audio, DefaultPdfParsing = estimate.Documents && !request.PdfEngineNamed };
            var features = FeatureQuotes.Reaching(asked, endpoint, request.ClientFormat);
            var (quote, unpriced) = FeatureQuotes.Price(listed, endpoint.Pricing, features);
            if (quote is null)
            {
                refusal ??= unpriced;
                continue;
            }

            var maxOutput = MaxOutput(model, endpoint, request);
            // Context-window fallback: an endpoint too small for this prompt and its output is skipped, not tried.
            if (endpoint.ContextLength is { } context && (long)estimate.Tokens + maxOutput > context)
            {
                tooLong = true;
                continue;
            }

            if (HeldPrompt(estimate, features, endpoint) is not { } promptTokens)
            {
                refusal ??= UnboundedPrompt(plan.FirstModel.Id);
                continue;
            }

            // Refused whole, not skipped: a worst case no long can hold is the request's doing, whichever endpoint it meets.
            var tokens = new WorstCaseTokens(promptTokens, maxOutput, request.Choices, AudioAllowance(estimate, features, promptTokens));
            if (WorstCase(quote, tokens, features) is not { } worstCase)
            {
                return (candidates, Unrepresentable(quote, tokens, request, operation, features));
            }

            candidates.Add(Candidate(plan[i], quote, tokens, features, worstCase));
        }

        return (candidates, candidates.Count > 0 ? null : refusal ?? NoCandidate(plan.FirstModel.Id, tooLong));
    }

    /// <summary>A candidate endpoint admitted at <paramref name="tokens"/>: it holds every choice's output.</summary>
    private static EndpointQuote Candidate(PlannedEndpoint planned, PriceQuote quote, in WorstCaseTokens tokens, PricedFeatures features, Cost worstCase) =>
        new(planned.Model, planned.Endpoint, quote, tokens.Prompt, checked(tokens.MaxOutput * tokens.Choices), worstCase)
        {
            Features = features,
            MaxOutputTokens = tokens.MaxOutput,
            AudioAllowance = tokens.Audio,
        };

    /// <summary>The refusal when no endpoint is left and none refused the request for a reason of its own: the prompt
    /// overflows every context window, or no endpoint is priced.</summary>
    private static GatewayError NoCandidate(string model, bool tooLong) => tooLong
        ? GatewayError.InvalidRequest(
            $"The prompt and max_tokens do not fit the context window of any endpoint of '{model}'.", "messages", "context_length_exceeded")
        : GatewayError.ModelNotPriced(model);

    /// <summary>The prompt as the endpoint will get it: an Anthropic client's own body for an Anthropic provider, the chat
    /// completion (as it is, or translated) for any other.</summary>
    private PromptEstimate Estimate(InspectedRequest request, ReadOnlyMemory<byte> body, GatewayOperation operation, ModelEndpoint endpoint)
    {
        var format = endpoint.Provider.Preset.WireFormat;
        return request.ClientFormat == WireFormat.Anthropic && format == WireFormat.Anthropic
            ? estimator.EstimateMessagesPromptTokens(request.NativeBody, endpoint.UpstreamModel)
            : estimator.EstimatePromptTokens(body.Span, operation, endpoint.UpstreamModel, format);
    }

    /// <summary>
    /// The prompt tokens to hold: those counted, unless part of the prompt cannot be measured — then the endpoint's whole
    /// context window, the most it can take, and with server-side tools that many windows for each sampling step the
    /// provider may run (<see cref="BillingOptions.ServerToolIterations"/>). <see langword="null"/> when the endpoint
    /// declares no context window (nothing bounds such a prompt there) or the windows outgrow a count.
    /// </summary>
    private int? HeldPrompt(PromptEstimate estimate, PricedFeatures features, ModelEndpoint endpoint)
    {
        if (!estimate.Unmeasured && !features.ServerSideTools)
        {
            return estimate.Tokens;
        }

        if (endpoint.ContextLength is not { } context)
        {
            return null;
        }

        var windows = (long)context * (features.ServerSideTools ? _serverToolIterations : 1);
        return windows <= int.MaxValue ? (int)windows : null;
    }

    /// <summary>The prompt tokens to hold at the audio rate: those counted for audio parts, or all of them when the prompt
    /// carries audio that could not be measured (a video's sound, a recording by URL, audio outside OpenAI's formats).</summary>
    private static int AudioAllowance(PromptEstimate estimate, PricedFeatures features, int promptTokens) =>
        !features.Audio ? 0 : estimate.Unmeasured ? promptTokens : Math.Min(estimate.AudioTokens, promptTokens);

    private static GatewayError UnboundedPrompt(string model) => GatewayError.InvalidRequest(
        "This request carries input whose billed size cannot be known from it (a file, a document, audio or video, media by URL "
        + "for a Gemini provider, or server tools whose results join the prompt), so it is held at an endpoint's whole context "
        + $"window; no endpoint of '{model}' that could serve it declares one.", "messages", "unbounded_input");

    /// <summary>The estimate of an earlier endpoint of the plan for the same upstream model and dialect, or one of -1 tokens.</summary>
    private static PromptEstimate EstimatedBefore(RoutePlan plan, ReadOnlySpan<PromptEstimate> estimates, int index)
    {
        var endpoint = plan[index].Endpoint;
        for (var j = 0; j < index; j++)
        {
            if (estimates[j].Tokens >= 0 && string.Equals(plan[j].Endpoint.UpstreamModel, endpoint.UpstreamModel, StringComparison.Ordinal)
                && plan[j].Endpoint.Provider.Preset.WireFormat == endpoint.Provider.Preset.WireFormat)
            {
                return estimates[j];
            }
        }

        return new PromptEstimate(-1);
    }

    /// <summary>
    /// The worst case of a request at one endpoint, or <see langword="null"/> when it cannot be represented: its cost in
    /// a <see cref="long"/> of nano-USD, and its tokens (prompt and every choice's output) in the <see cref="int"/> counts
    /// charges and key limits keep.
    /// </summary>
    private static Cost? WorstCase(PriceQuote quote, in WorstCaseTokens tokens, PricedFeatures features) =>
        (long)tokens.Prompt + ((long)tokens.MaxOutput * tokens.Choices) > int.MaxValue
            ? null
            : CostCalculator.WorstCase(quote.Pricing, tokens, quote.MarkupPartsPerMillion, features);

    /// <summary>The 400 for a worst case that cannot be represented, naming the member that made it so: the prompt if it
    /// alone is too much, else the maximum output if one choice of it is, else <c>n</c>.</summary>
    private static GatewayError Unrepresentable(
        PriceQuote quote, in WorstCaseTokens tokens, InspectedRequest request, GatewayOperation operation, PricedFeatures features)
    {
        var param = WorstCase(quote, tokens with { MaxOutput = 0, Choices = 1 }, features) is null ? PromptMember.Of(operation)
            : WorstCase(quote, tokens with { Choices = 1 }, features) is null ? request.MaxOutputTokensParam
            : "n";
        return GatewayError.InvalidRequest(
            $"The most this request could cost is more than this gateway can hold for: lower '{param}'.", param, "worst_case_too_large");
    }

    /// <summary>
    /// The most output of one choice at an endpoint, which is held there and sent to it as its limit (so the provider
    /// never generates more than was held): what the client asked for, lowered to the endpoint's maximum where it
    /// declares one; else the endpoint's maximum; else <see cref="BillingOptions.DefaultMaxOutputTokens"/>.
    /// </summary>
    private int MaxOutput(CatalogModel model, ModelEndpoint endpoint, InspectedRequest request) =>
        model.Kind == ModelKind.Embedding ? 0
        : request.MaxOutputTokens is { } asked ? Math.Min(asked, endpoint.MaxOutputTokens ?? asked)
        : endpoint.MaxOutputTokens ?? _defaultMaxOutput;
}
