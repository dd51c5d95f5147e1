using Microsoft.AspNetCore.Http;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Billing;

/// <summary>What runs when x402 is off (or no chain module is loaded): requests without a key stay refused with 401.</summary>
internal sealed class DisabledX402Payments : IX402Payments
{
    public bool Enabled => false;

    public Task<BillingAdmission?> AdmitAsync(
        HttpContext context, IReadOnlyList<(CatalogModel Model, ModelEndpoint Endpoint)> plan, InspectedRequest request,
        ReadOnlyMemory<byte> body, GatewayOperation operation, RequestLogBuilder log) =>
        throw new InvalidOperationException("x402 payments are not enabled.");
}
