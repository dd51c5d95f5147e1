using Tollway.Chain.Accounts;
using Tollway.Chain.SignIn;

namespace Tollway.Chain.Hosting;

/// <summary>Maps the chain module's endpoints.</summary>
public static class ChainEndpointExtensions
{
    /// <summary>Maps <c>/auth/siwe</c> and <c>/account/v1</c>.</summary>
    public static IEndpointRouteBuilder MapTollwayChain(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapSignInEndpoints().MapAccountEndpoints();
}
