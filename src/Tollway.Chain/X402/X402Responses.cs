using Microsoft.AspNetCore.Http;

namespace Tollway.Chain.X402;

/// <summary>Writes what x402 adds to a response: the 402 challenge (the v2 header and the v1 body) and the settlement
/// header of a paid request.</summary>
internal static class X402Responses
{
    /// <summary>Answers 402 with <c>PAYMENT-REQUIRED</c> and the version-1 JSON body; nothing has been sent yet.</summary>
    public static async Task WriteChallengeAsync(HttpContext context, PaymentRequired v2, PaymentRequiredV1 v1)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status402PaymentRequired;
        response.ContentType = "application/json";
        response.Headers[X402Headers.PaymentRequired] = X402Codec.Encode(v2);
        response.Headers.CacheControl = "no-store";

        await response.Body.WriteAsync(X402Codec.SerializeV1(v1), context.RequestAborted);
    }

    /// <summary>Adds the settlement header of the payment's version (<c>PAYMENT-RESPONSE</c> or <c>X-PAYMENT-RESPONSE</c>).</summary>
    public static void AddSettlement(HttpContext context, SettlementResponse settlement, int version)
    {
        var name = version == 1 ? X402Headers.XPaymentResponse : X402Headers.PaymentResponse;
        context.Response.Headers[name] = X402Codec.Encode(settlement);
        context.Response.Headers.AccessControlExposeHeaders = name;
    }
}
