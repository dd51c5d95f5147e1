using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Api.Admin;

/// <summary>The operator's API under <c>/admin/v1</c>, for an admin key only; errors as ProblemDetails.</summary>
public static class AdminEndpoints
{
    /// <summary>Maps accounts and keys.</summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        admin.MapGet("/accounts", ListAccountsAsync).WithName("AdminListAccounts");
        admin.MapPost("/accounts", CreateAccountAsync).WithName("AdminCreateAccount");
        admin.MapGet("/keys", ListKeysAsync).WithName("AdminListKeys");
        admin.MapPost("/keys", CreateKeyAsync).WithName("AdminCreateKey");
        admin.MapDelete("/keys/{id}", RevokeKeyAsync).WithName("AdminRevokeKey");
        admin.MapGet("/endpoints", (Upstream.Routing.EndpointHealthRegistry health) => TypedResults.Json(
            new ListResponse<EndpointHealthResponse>([.. health.Snapshots().Select(h => new EndpointHealthResponse(
                h.Endpoint, h.State.ToString().ToLowerInvariant(), h.LatencyMs, h.TokensPerSecond, h.RequestsInWindow,
                h.RequestsInWindow == 0 ? 0 : (double)h.FailuresInWindow / h.RequestsInWindow, h.LastError, h.LastErrorAt))]),
            AdminJsonContext.Default.ListResponseEndpointHealthResponse)).WithName("AdminEndpointHealth");
        return endpoints;
    }

    private static async Task<JsonHttpResult<ListResponse<AccountResponse>>> ListAccountsAsync(AccountAdministration administration, CancellationToken cancellationToken)
    {
        var accounts = await administration.ListAccountsAsync(cancellationToken);
        return TypedResults.Json(new ListResponse<AccountResponse>([.. accounts.Select(AccountResponse.From)]), AdminJsonContext.Default.ListResponseAccountResponse);
    }

    private static async Task<Results<JsonHttpResult<AccountResponse>, ProblemHttpResult>> CreateAccountAsync(
        HttpRequest request, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, AdminJsonContext.Default.CreateAccountRequest, cancellationToken);
        if (string.IsNullOrWhiteSpace(body?.Name))
        {
            return BadRequest("'name' is required.");
        }

        if (StoredTextBounds.IsLonger(body.Name.Trim(), StoredTextBounds.MaxNameLength))
        {
            return StoredTextBounds.TooLong("name");
        }

        var account = await administration.CreateAccountAsync(body.Name.Trim(), cancellationToken);
        return TypedResults.Json(AccountResponse.From(account), AdminJsonContext.Default.AccountResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<JsonHttpResult<ListResponse<ApiKeyResponse>>> ListKeysAsync(
        [FromQuery(Name = "account_id")] string? accountId, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var keys = await administration.ListKeysAsync(accountId, cancellationToken);
        return TypedResults.Json(new ListResponse<ApiKeyResponse>([.. keys.Select(ApiKeyResponse.From)]), AdminJsonContext.Default.ListResponseApiKeyResponse);
    }

    private static async Task<Results<JsonHttpResult<ApiKeyResponse>, ProblemHttpResult>> CreateKeyAsync(
        HttpRequest request, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, AdminJsonContext.Default.CreateApiKeyRequest, cancellationToken);
        if (string.IsNullOrWhiteSpace(body?.AccountId))
        {
            return BadRequest("'account_id' is required.");
        }

        if (!ApiKeyRoleNames.TryParse(body.Role, out var role))
        {
            return BadRequest("'role' must be 'inference' (the default), 'management' or 'admin'.");
        }

        if (StoredTextBounds.FindOversizedKeyField(body.Name?.Trim(), body.AllowedModels) is { } field)
        {
            return StoredTextBounds.TooLong(field);
        }

        var created = await administration.CreateKeyAsync(body.AccountId, body.Name?.Trim() ?? "", role, body.AllowedModels, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem($"There is no account '{body.AccountId}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        var response = ApiKeyResponse.From(created.Record) with { Key = created.PlaintextKey };
        return TypedResults.Json(response, AdminJsonContext.Default.ApiKeyResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<JsonHttpResult<ApiKeyResponse>, ProblemHttpResult>> RevokeKeyAsync(
        string id, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var revoked = await administration.RevokeKeyAsync(id, cancellationToken);
        return revoked is null
            ? TypedResults.Problem($"There is no key '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not Found")
            : TypedResults.Json(ApiKeyResponse.From(revoked), AdminJsonContext.Default.ApiKeyResponse);
    }


    private static Task<T?> ReadAsync<T>(HttpRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class => AdminJson.ReadAsync(request, typeInfo, cancellationToken);

    private static ProblemHttpResult BadRequest(string detail) => AdminJson.BadRequest(detail);
}
