using Tollway.Chain.SignIn;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Chain.Accounts;

/// <summary>
/// Lets through a request that carries a live sign-in session (<c>Bearer tws_…</c>) or an API key; either way the
/// request acts for that one account, which the endpoints read with <see cref="AccountOf"/>, and with what that
/// credential may do (<see cref="CallerOf"/>).
/// </summary>
internal sealed class AccountAuthFilter(SessionTokens sessions, ApiKeyAuthenticator keys, ApiKeyCache cache) : IEndpointFilter
{
    private const string CallerItem = "tollway.account-caller";

    public static AccountCaller CallerOf(HttpContext context) => (AccountCaller)context.Items[CallerItem]!;

    public static string AccountOf(HttpContext context) => CallerOf(context).AccountId;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        AccountCaller? caller = null;
        if (token is not null && token.StartsWith(SessionTokens.Prefix, StringComparison.Ordinal))
        {
            caller = sessions.Validate(token) is { } session ? new AccountCaller(session.AccountId, Key: null) : null;
        }
        else if (keys.Authenticate(context.HttpContext.Request).Key is { } key && cache.MakersOf(key) is { } makers)
        {
            caller = new AccountCaller(key.AccountId, key, makers.Count);
        }

        if (caller is null)
        {
            return ValueTask.FromResult<object?>(TypedResults.Problem(
                token is null ? "Sign in (POST /auth/siwe/verify) or give an API key." : "The session or API key is invalid or has expired.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized"));
        }

        context.HttpContext.Items[CallerItem] = caller;
        return next(context);
    }
}
