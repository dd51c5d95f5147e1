using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Settle: whatever happened upstream, the admission is finished (<see cref="BillingAdmission.Finish"/>): a hold no
/// answer settled is voided, and the key's limits learn what the request really cost. The charge itself is settled by
/// the relay as the answer's usage is read.
/// </summary>
internal static class SettleStage
{
    public static void Run(GatewayRequest request)
    {
        using var span = RequestSpans.Start(RequestSpans.Settle);
        request.Admission?.Finish();
        RequestSpans.Settled(span, request);
    }
}
