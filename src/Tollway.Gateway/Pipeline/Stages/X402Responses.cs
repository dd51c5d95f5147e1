using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>Writes what x402 decided (<see cref="X402Outcome"/>) into a response: the 402 challenge (the v2 header and the
/// v1 body) and the settlement header of a payment that moved.</summary>
internal static class X402Responses
{
    /// <summary>Answers 402 with <c>PAYMENT-REQUIRED</c> and the version-1 JSON body; nothing has been sent yet.</summary>
    public static async Task WriteChallengeAsync(HttpContext context, X402Outcome outcome)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status402PaymentRequired;
        response.ContentType = "application/json";
        response.Headers[X402Outcome.PaymentRequiredHeader] = outcome.ChallengeHeader;
        response.Headers.CacheControl = "no-store";

        await response.Body.WriteAsync(outcome.ChallengeBody, context.RequestAborted);
    }

    /// <summary>Adds the settlement header, when a payment moved.</summary>
    public static void AddSettlement(HttpContext context, X402Outcome outcome)
    {
        if (outcome.SettlementHeader is { } name)
        {
            context.Response.Headers[name] = outcome.SettlementValue;
            context.Response.Headers.AccessControlExposeHeaders = name;
        }
    }
}
