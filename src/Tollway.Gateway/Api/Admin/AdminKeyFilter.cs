using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Api.Admin;

/// <summary>Lets through only requests that carry a live admin key; answers 401/403 as ProblemDetails otherwise.</summary>
internal sealed class AdminKeyFilter(ApiKeyAuthenticator authenticator) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var auth = authenticator.Authenticate(context.HttpContext.Request);
        if (auth.Key is not { } key)
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                auth.Status == ApiKeyAuthenticationStatus.Missing ? "An admin API key is required." : "The API key is invalid or has been revoked.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));
        }

        if (key.Role != ApiKeyRole.Admin)
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                "This API key is not an admin key.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"));
        }

        return next(context);
    }
}
