using System.Runtime.CompilerServices;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Admit/hold: billing prices every planned endpoint, checks the key's limits and holds the dearest worst case on the
/// balance (<see cref="BillingGate"/>); a request without a key is quoted and paid for through x402 first
/// (<see cref="IX402Payments"/>), whose challenge is this stage's answer when it has not paid.
/// </summary>
internal sealed class AdmitStage(BillingGate billing, IX402Payments payments)
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<StageResult> RunAsync(GatewayRequest request)
    {
        using var span = RequestSpans.Start(RequestSpans.Hold);
        var admission = new AdmissionRequest(request.Plan, request.Inspected!, request.Body.Memory, request.Operation, request.Log.Id);
        if (request.Paying)
        {
            return RequestSpans.Held(span, request, await PayAsync(request, admission));
        }

        request.Admission = await billing.AdmitAsync(request.Key, admission, request.Aborted);
        return RequestSpans.Held(span, request, Admitted(request));
    }

    private async ValueTask<StageResult> PayAsync(GatewayRequest request, AdmissionRequest admission)
    {
        // Nobody is known until the payment is credited: the request log names no account or key before that.
        request.Log.AccountId = null;
        request.Log.KeyId = null;
        var outcome = new X402Outcome();
        try
        {
            await payments.AdmitAsync(request.Http, admission, outcome);
        }
        finally
        {
            // A payment that moved is told, and its payer named, whatever happens next (a 503, a client that left).
            X402Responses.AddSettlement(request.Http, outcome);
            if (outcome.AccountId is { } accountId)
            {
                request.Log.AccountId = accountId;
                request.Log.KeyId = IX402Payments.KeyId;
            }
        }

        if (outcome.ChallengeHeader is not null)
        {
            return StageResult.Pay(outcome);
        }

        request.Admission = outcome.Admission;
        return Admitted(request);
    }

    private static StageResult Admitted(GatewayRequest request) =>
        request.Admission!.Refusal is { } refusal ? StageResult.Fail(refusal) : StageResult.Continue;
}
