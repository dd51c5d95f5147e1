using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Tollway.Chain.Api;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Api.Admin;

namespace Tollway.Chain.Accounts;

/// <summary>
/// <c>/account/v1/keys</c>: the account's keys, for a caller that may manage them. A key made here is an inference key
/// unless asked otherwise, never an admin key, and never gets more than its maker has (<see cref="KeyCeiling"/>); a key
/// made by a key records its maker, whose limits then hold for the two together and whose revocation ends both. Admin
/// keys are not seen here at all, so they answer as keys that do not exist.
/// </summary>
internal static class AccountKeyEndpoints
{
    /// <summary>Maps the key endpoints under the account group.</summary>
    public static void MapAccountKeys(this RouteGroupBuilder account)
    {
        var keys = account.MapGroup("/keys").AddEndpointFilter<KeyManagementFilter>();
        keys.MapGet("", ListAsync).WithName("AccountKeys");
        keys.MapPost("", CreateAsync).WithName("AccountCreateKey");
        keys.MapDelete("/{id}", RevokeAsync).WithName("AccountRevokeKey");
    }

    private static async Task<JsonHttpResult<DataList<ApiKeyResponse>>> ListAsync(
        HttpContext context, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var keys = await VisibleKeysAsync(context, administration, cancellationToken);
        return TypedResults.Json(new DataList<ApiKeyResponse>([.. keys.Select(ApiKeyResponse.From)]), ChainJsonContext.Default.DataListApiKeyResponse);
    }

    private static async Task<Results<JsonHttpResult<ApiKeyResponse>, ProblemHttpResult>> CreateAsync(
        HttpContext context, AccountAdministration administration, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(context.Request, cancellationToken);
        if (body is null)
        {
            return BadRequest("The body must be JSON: {\"name\": \"…\", \"role\": \"inference\", \"allowed_models\": [...], \"limits\": {...}}.");
        }

        if (!ApiKeyRoleNames.TryParse(body.Role, out var role))
        {
            return BadRequest("'role' must be 'inference' (the default) or 'management'.");
        }

        if (StoredTextBounds.FindOversizedKeyField(body.Name?.Trim(), body.AllowedModels) is { } oversized)
        {
            return StoredTextBounds.TooLong(oversized);
        }

        var limits = KeyLimits.None;
        if (body.Limits is { } requested)
        {
            var (parsed, badField) = KeyLimitsMapping.FromRequest(requested);
            if (parsed is null)
            {
                return BadRequest($"limits.{badField} is not valid.");
            }

            limits = parsed;
        }

        var caller = AccountAuthFilter.CallerOf(context);
        if (caller.Ceiling.FindExcess(role, body.AllowedModels, limits) is { } field)
        {
            return TypedResults.Problem(
                $"'{field}' asks for more than this credential has: a key made here gets no model, cap, rate, concurrency or expiry beyond its maker's, never the admin role, and not the management role when {ApiKeyRecord.MaxMakers - 1} keys already stand above its maker.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", extensions: new Dictionary<string, object?> { ["param"] = field });
        }

        // The key is made by the calling key, if any: its limits then hold for the new key too, and revoking it ends both.
        var created = await administration.CreateKeyAsync(caller.AccountId, body.Name?.Trim() ?? "", role, body.AllowedModels, limits, caller.Key?.Id, cancellationToken);
        if (created is null)
        {
            return TypedResults.Problem("The account, or the key making this one, no longer exists.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        return TypedResults.Json(ApiKeyResponse.From(created.Record) with { Key = created.PlaintextKey }, ChainJsonContext.Default.ApiKeyResponse,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<Results<JsonHttpResult<ApiKeyResponse>, ProblemHttpResult>> RevokeAsync(
        string id, HttpContext context, AccountAdministration administration, CancellationToken cancellationToken)
    {
        if (!(await VisibleKeysAsync(context, administration, cancellationToken)).Any(k => k.Id == id))
        {
            // Another account's key, and an admin key of this one, answer exactly as a key that does not exist.
            return TypedResults.Problem($"There is no key '{id}' on this account.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        var revoked = await administration.RevokeKeyAsync(id, cancellationToken);
        return TypedResults.Json(ApiKeyResponse.From(revoked!), ChainJsonContext.Default.ApiKeyResponse);
    }

    /// <summary>The caller's account's keys but its admin keys, which only the admin API manages.</summary>
    private static async Task<IEnumerable<ApiKeyRecord>> VisibleKeysAsync(HttpContext context, AccountAdministration administration, CancellationToken cancellationToken) =>
        (await administration.ListKeysAsync(AccountAuthFilter.AccountOf(context), cancellationToken)).Where(k => k.Role != ApiKeyRole.Admin);

    private static async Task<AccountKeyRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, ChainJsonContext.Default.AccountKeyRequest, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
}
