
namespace Tollway.Chain.Accounts;

/// <summary>
/// Lets through to the key endpoints only a caller that may manage keys (a wallet session, a management key or an admin
/// key); an inference key gets 403 ProblemDetails. Runs after <see cref="AccountAuthFilter"/>.
/// </summary>
internal sealed class KeyManagementFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        AccountAuthFilter.CallerOf(context.HttpContext).MayManageKeys
            ? next(context)
            : ValueTask.FromResult<object?>(TypedResults.Problem(
                "This key may call models and read its account, not manage keys: sign in with the wallet, or use a key with the 'management' role.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"));
}
