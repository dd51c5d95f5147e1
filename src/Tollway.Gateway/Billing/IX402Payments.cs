using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Billing;

/// <summary>
/// The request path's way to serve a model request that carries no API key: answer it with x402 payment requirements,
/// or take the payment it carries, credit it to the paying wallet and admit the request against that credit.
/// </summary>
internal interface IX402Payments
{
    /// <summary>Whether requests without a key are offered payment (otherwise they get 401).</summary>
    bool Enabled { get; }

    /// <summary>
    /// Quotes the request and either admits it (paid, settled and credited; the hold is on the paying wallet's
    /// account), refuses it with an OpenAI error (the caller answers), or answers 402 itself and returns
    /// <see langword="null"/>. Nothing goes upstream unless it is admitted.
    /// </summary>
    Task<BillingAdmission?> AdmitAsync(
        HttpContext context, IReadOnlyList<(CatalogModel Model, ModelEndpoint Endpoint)> plan, InspectedRequest request,
        ReadOnlyMemory<byte> body, GatewayOperation operation, RequestLogBuilder log);
}
