using Tollway.Gateway.Api.Admin;
using Tollway.Gateway.Api.Health;
using Tollway.Gateway.Api.Messages;
using Tollway.Gateway.Api.OpenAi;
using Tollway.Gateway.Api.Usage;

namespace Tollway.Gateway.Hosting;

/// <summary>Maps every endpoint of the gateway.</summary>
public static class TollwayGatewayEndpointExtensions
{
    /// <summary>Maps <c>/v1</c>, <c>/admin/v1</c>, <c>/healthz</c> and <c>/readyz</c>.</summary>
    public static IEndpointRouteBuilder MapTollwayGateway(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMessagesEndpoints().MapOpenAiEndpoints().MapUsageEndpoints().MapAdminEndpoints().MapBillingAdminEndpoints().MapCatalogAdminEndpoints().MapHealthEndpoints();
}
