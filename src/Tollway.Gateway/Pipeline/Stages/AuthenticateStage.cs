using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Authenticate: finds the caller's key (with its makers, read once for the whole request). A request with no key at
/// all, where x402 is on and the endpoint offers it, goes on as anyone's, to be paid for on the spot (see
/// <see cref="AdmitStage"/>); any other request without a live key is answered 401.
/// </summary>
internal sealed class AuthenticateStage(ApiKeyAuthenticator authenticator, IX402Payments payments)
{
    /// <summary>Who a request without a key is planned as: any model, no limits, no account until it has paid.</summary>
    private static readonly ApiKeyRecord Payer = new(IX402Payments.KeyId, "", IX402Payments.KeyId, default, "", ApiKeyRole.Inference, null, DateTimeOffset.UnixEpoch);

    /// <param name="request">The request.</param>
    /// <param name="offersPayment">Whether the endpoint serves a request without a key through x402.</param>
    public StageResult Run(GatewayRequest request, bool offersPayment)
    {
        using var span = RequestSpans.Start(RequestSpans.Auth);
        return RequestSpans.Ended(span, Authenticate(request, offersPayment));
    }

    private StageResult Authenticate(GatewayRequest request, bool offersPayment)
    {
        var auth = authenticator.Authenticate(request.Http.Request);
        var paying = offersPayment && auth.Status == ApiKeyAuthenticationStatus.Missing && payments.Enabled;
        if (auth.Key is null && !paying)
        {
            return StageResult.Fail(GatewayError.ForAuthentication(auth.Status));
        }

        request.Key = auth.Key is null ? Payer : auth.Chain;
        request.Paying = paying;
        request.Log.AccountId = request.Key.Key.AccountId;
        request.Log.KeyId = request.Key.Key.Id;
        return StageResult.Continue;
    }
}
