using Microsoft.Extensions.Options;

namespace Tollway.Chain.X402;

/// <summary>
/// Settles through an external x402 facilitator (<c>POST /verify</c>, then <c>POST /settle</c>) instead of the
/// gateway's relayer. The gateway has already checked everything it can itself; the facilitator's verdict on the chain
/// state (nonce, balance, simulation) is mapped to the same failure reasons. Its answers are read up to
/// <see cref="MaxAnswerBytes"/>.
/// </summary>
internal sealed class FacilitatorSettler(IHttpClientFactory clients, IOptions<X402Options> options) : IX402Settler
{
    /// <summary>The named <see cref="HttpClient"/> used for the facilitator.</summary>
    public const string HttpClientName = "x402-facilitator";

    /// <summary>
    /// The largest answer read: a verdict or a settlement is a few hundred bytes, and a facilitator that sends more
    /// (compromised, or broken) fails the call there, which x402 answers as it answers a facilitator it cannot reach.
    /// </summary>
    public const int MaxAnswerBytes = 64 * 1024;

    private readonly Uri _baseUrl = new(options.Value.FacilitatorUrl!.TrimEnd('/') + "/");
    private readonly TimeSpan _timeout = options.Value.SettlementTimeout;

    public async Task<(X402Failure Failure, string Detail)?> CheckAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("verify", attempt, X402JsonContext.Default.FacilitatorVerifyResponse, cancellationToken)
            ?? throw new HttpRequestException("The facilitator's /verify answer was empty.");
        return answer.IsValid ? null : (FailureOf(answer.InvalidReason, X402Failure.BadSignature), $"the facilitator refused the payment: {answer.InvalidReason}");
    }

    public async Task<X402Settlement> SettleAsync(X402PaymentAttempt attempt, CancellationToken cancellationToken)
    {
        var answer = await PostAsync("settle", attempt, X402JsonContext.Default.SettlementResponse, cancellationToken);
        return answer is { Success: true, Transaction.Length: > 0 }
            ? X402Settlement.Settled(answer.Transaction.ToLowerInvariant())
            : X402Settlement.Failed(FailureOf(answer?.ErrorReason, X402Failure.SettlementFailed), $"the facilitator did not settle: {answer?.ErrorReason}");
    }

    /// <summary>A facilitator answers <c>/settle</c> once it is final, so there is never an unconfirmed transaction to look at.</summary>
    public Task<X402Settlement> ConfirmAsync(X402PaymentAttempt attempt, string transactionHash, CancellationToken cancellationToken) =>
        Task.FromResult(X402Settlement.Settled(transactionHash));

    private async Task<T?> PostAsync<T>(string path, X402PaymentAttempt attempt, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var client = clients.CreateClient(HttpClientName);
        var body = new FacilitatorRequest(attempt.Version, attempt.Payload, attempt.Requirements);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, path))
        {
            Content = JsonContent.Create(body, X402JsonContext.Default.FacilitatorRequest),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        // Read up to the limit and no further (an HttpRequestException past it); a length declared past it is not read at all.
        await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, timeout.Token);
        return await response.Content.ReadFromJsonAsync(type, timeout.Token);
    }

    /// <summary>The failure a facilitator's reason code means (the x402 and reference-implementation codes).</summary>
    private static X402Failure FailureOf(string? reason, X402Failure otherwise) => reason switch
    {
        null => otherwise,
        _ when reason.Contains("insufficient", StringComparison.OrdinalIgnoreCase) => X402Failure.InsufficientFunds,
        _ when reason.Contains("nonce", StringComparison.OrdinalIgnoreCase) => X402Failure.NonceUsed,
        _ when reason.Contains("valid_before", StringComparison.OrdinalIgnoreCase) => X402Failure.Expired,
        _ when reason.Contains("valid_after", StringComparison.OrdinalIgnoreCase) => X402Failure.NotYetValid,
        _ when reason.Contains("signature", StringComparison.OrdinalIgnoreCase) => X402Failure.BadSignature,
        _ when reason.Contains("network", StringComparison.OrdinalIgnoreCase) => X402Failure.UnknownNetwork,
        _ => otherwise,
    };
}
