using System.Globalization;
using System.Text.Json;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Usage;

/// <summary>
/// What a key's owner can read about its money, in OpenRouter's shapes under <c>/api/v1</c>: one generation's cost,
/// the account's credits and usage, the key's limits and spend, and usage by day and model. A key sees only its own
/// account: another account's generation answers 404, exactly as one that does not exist.
/// </summary>
public static class UsageEndpoints
{
    /// <summary>Maps <c>/api/v1/generation</c>, <c>/api/v1/credits</c>, <c>/api/v1/key</c> and <c>/api/v1/activity</c>.</summary>
    public static IEndpointRouteBuilder MapUsageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/v1").WithTags("Usage");
        api.MapGet("/generation", GenerationAsync).WithName("Generation");
        api.MapGet("/credits", CreditsAsync).WithName("Credits");
        api.MapGet("/key", KeyAsync).WithName("CurrentKey");
        api.MapGet("/activity", ActivityAsync).WithName("Activity");
        return endpoints;
    }

    private static async Task GenerationAsync(HttpContext context, ApiKeyAuthenticator authenticator, ILedgerQueries ledger)
    {
        if (await AuthenticateAsync(context, authenticator) is not { } key)
        {
            return;
        }

        var id = context.Request.Query["id"].ToString();
        var charge = string.IsNullOrEmpty(id) ? null : await ledger.FindChargeAsync(id, context.RequestAborted);
        if (charge is null || charge.AccountId != key.AccountId)
        {
            await OpenAiErrorWriter.WriteAsync(context, new GatewayError(404, "invalid_request_error", "generation_not_found",
                $"There is no generation '{id}' for this account.", "id"));
            return;
        }

        await WriteAsync(context, writer => GenerationJson.Write(writer, charge));
    }

    private static async Task CreditsAsync(HttpContext context, ApiKeyAuthenticator authenticator, ILedgerQueries ledger)
    {
        if (await AuthenticateAsync(context, authenticator) is not { } key)
        {
            return;
        }

        var totals = await ledger.GetAccountTotalsAsync(key.AccountId, context.RequestAborted);
        await WriteAsync(context, writer =>
        {
            UsageJson.WriteUsd(writer, "total_credits", totals.TotalCredits);
            UsageJson.WriteUsd(writer, "total_usage", totals.TotalUsage);
        });
    }

    private static async Task KeyAsync(HttpContext context, ApiKeyAuthenticator authenticator, ILedgerQueries ledger, TimeProvider timeProvider)
    {
        if (await AuthenticateAsync(context, authenticator) is not { } key)
        {
            return;
        }

        var spend = await ledger.GetKeySpendAsync(key.Id, DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime), context.RequestAborted);
        await WriteAsync(context, writer => KeyJson.Write(writer, key, spend));
    }

    private static async Task ActivityAsync(HttpContext context, ApiKeyAuthenticator authenticator, ILedgerQueries ledger)
    {
        if (await AuthenticateAsync(context, authenticator) is not { } key)
        {
            return;
        }

        var query = context.Request.Query;
        if (!TryDay(query["from"], out var from) || !TryDay(query["to"], out var to) || !TryDay(query["date"], out var date))
        {
            await OpenAiErrorWriter.WriteAsync(context, GatewayError.InvalidRequest("Dates are written YYYY-MM-DD.", "date"));
            return;
        }

        var offset = int.TryParse(query["offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var o) ? o : 0;
        var limit = int.TryParse(query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 1000) : 100;
        // One row more than asked says whether another page exists.
        var rows = await ledger.ListUsageAsync(key.AccountId, date ?? from, date ?? to, offset, limit + 1, context.RequestAborted);
        await WriteAsync(context, writer => ActivityJson.Write(writer, rows, offset, limit), wrapInData: false);
    }

    private static bool TryDay(Microsoft.Extensions.Primitives.StringValues text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static async Task<ApiKeyRecord?> AuthenticateAsync(HttpContext context, ApiKeyAuthenticator authenticator)
    {
        var auth = authenticator.Authenticate(context.Request);
        if (auth.Key is null)
        {
            await OpenAiErrorWriter.WriteAsync(context, GatewayError.ForAuthentication(auth.Status));
        }

        return auth.Key;
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write, bool wrapInData = true)
    {
        context.Response.ContentType = "application/json";
        await using (var writer = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiJson.WriterOptions))
        {
            writer.WriteStartObject();
            if (wrapInData)
            {
                writer.WriteStartObject("data");
            }

            write(writer);
            if (wrapInData)
            {
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }
}
