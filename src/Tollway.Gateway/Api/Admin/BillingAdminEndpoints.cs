using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Admin;

/// <summary>The operator's money API under <c>/admin/v1</c>: credits, debits, balances, journal, reconciliation, prices, markups, key limits.</summary>
public static class BillingAdminEndpoints
{
    /// <summary>Maps the billing admin routes (admin key only).</summary>
    public static IEndpointRouteBuilder MapBillingAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin/v1").WithTags("Admin").AddEndpointFilter<AdminKeyFilter>();
        admin.MapPost("/accounts/{id}/credits", (string id, HttpRequest request, LedgerAdministration ledger, CancellationToken ct) =>
            MoveAsync(id, request, ledger, credit: true, ct)).WithName("AdminCredit");
        admin.MapPost("/accounts/{id}/debits", (string id, HttpRequest request, LedgerAdministration ledger, CancellationToken ct) =>
            MoveAsync(id, request, ledger, credit: false, ct)).WithName("AdminDebit");
        admin.MapGet("/accounts/{id}/balance", BalanceAsync).WithName("AdminBalance");
        admin.MapGet("/journal", JournalAsync).WithName("AdminJournal");
        admin.MapGet("/reconciliation", ReconcileAsync).WithName("AdminReconciliation");
        admin.MapPut("/prices", SetPriceAsync).WithName("AdminSetPrice");
        admin.MapPut("/markups", SetMarkupAsync).WithName("AdminSetMarkup");
        admin.MapPut("/keys/{id}/limits", SetKeyLimitsAsync).WithName("AdminSetKeyLimits");
        return endpoints;
    }

    private static async Task<Results<JsonHttpResult<MoneyMovementResponse>, ProblemHttpResult>> MoveAsync(
        string id, HttpRequest request, LedgerAdministration ledger, bool credit, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync(request, AdminJsonContext.Default.MoneyMovementRequest, cancellationToken);
        if (body?.AmountUsd is not { } amountText || !UsdAmount.TryParseNanos(amountText, out var amount) || amount <= 0)
        {
            return AdminJson.BadRequest("'amount_usd' must be a positive USD amount written as decimal text, such as \"10.50\".");
        }

        if (string.IsNullOrWhiteSpace(body.IdempotencyKey) || string.IsNullOrWhiteSpace(body.Reason))
        {
            return AdminJson.BadRequest("'reason' and 'idempotency_key' are required: every movement of money says why, and is made once.");
        }

        if (StoredTextBounds.FindOversizedMovementField(body.Reason, body.IdempotencyKey) is { } field)
        {
            return StoredTextBounds.TooLong(field);
        }

        var outcome = credit
            ? await ledger.CreditAsync(id, amount, body.Reason, body.IdempotencyKey, cancellationToken)
            : await ledger.DebitAsync(id, amount, body.Reason, body.IdempotencyKey, cancellationToken);
        var (balance, _) = await ledger.GetBalanceAsync(id, cancellationToken);
        return outcome switch
        {
            null => AdminJson.NotFound($"There is no account '{id}'."),
            PostOutcome.InsufficientFunds => TypedResults.Problem(
                $"The account has ${UsdAmount.FormatUsd(balance)} and part of it may be leased to requests in flight; the debit would take it below zero.",
                statusCode: StatusCodes.Status409Conflict, title: "Insufficient funds"),
            PostOutcome.Duplicate => TypedResults.Json(new MoneyMovementResponse("duplicate", UsdAmount.FormatUsd(balance)), AdminJsonContext.Default.MoneyMovementResponse),
            _ => TypedResults.Json(new MoneyMovementResponse("posted", UsdAmount.FormatUsd(balance)), AdminJsonContext.Default.MoneyMovementResponse,
                statusCode: StatusCodes.Status201Created),
        };
    }

    private static async Task<JsonHttpResult<BalanceResponse>> BalanceAsync(string id, LedgerAdministration ledger, CancellationToken cancellationToken)
    {
        var (balance, leased) = await ledger.GetBalanceAsync(id, cancellationToken);
        return TypedResults.Json(new BalanceResponse(id, UsdAmount.FormatUsd(balance), UsdAmount.FormatUsd(leased)), AdminJsonContext.Default.BalanceResponse);
    }

    private static async Task<JsonHttpResult<ListResponse<JournalEntryResponse>>> JournalAsync(
        [FromQuery(Name = "account_id")] string? accountId, long? after, int? limit, LedgerAdministration ledger, CancellationToken cancellationToken)
    {
        var entries = await ledger.ListJournalAsync(new JournalQuery(accountId, after ?? 0, limit ?? 100), cancellationToken);
        var response = entries.Select(e => new JournalEntryResponse(
            e.Sequence, e.Reference, e.Kind.ToString().ToLowerInvariant(), e.CreatedAt, e.Memo,
            e.Postings.GroupBy(p => p.Account).ToDictionary(g => g.Key, g => UsdAmount.FormatUsd(g.Sum(p => p.Amount)))));
        return TypedResults.Json(new ListResponse<JournalEntryResponse>([.. response]), AdminJsonContext.Default.ListResponseJournalEntryResponse);
    }

    private static async Task<JsonHttpResult<ReconciliationResponse>> ReconcileAsync(LedgerAdministration ledger, CancellationToken cancellationToken)
    {
        var books = await ledger.ReconcileAsync(cancellationToken);
        return TypedResults.Json(new ReconciliationResponse(
            books.IsBalanced,
            UsdAmount.FormatUsd(books.SumOfPostings),
            UsdAmount.FormatUsd(books.UserBalances),
            UsdAmount.FormatUsd(books.ActiveLeases),
            books.SystemAccounts.ToDictionary(p => p.Key, p => UsdAmount.FormatUsd(p.Value)),
            books.UnbalancedTransactions,
            books.CachedBalanceMismatches), AdminJsonContext.Default.ReconciliationResponse);
    }

    private static async Task<Results<JsonHttpResult<VersionResponse>, ProblemHttpResult>> SetPriceAsync(
        HttpRequest request, LedgerAdministration ledger, CatalogState catalog, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync(request, AdminJsonContext.Default.SetPriceRequest, cancellationToken);
        if (body?.Model is not { } model || body.Provider is not { } provider)
        {
            return AdminJson.BadRequest("'model' and 'provider' are required.");
        }

        if (!LedgerAdministration.IsEndpoint(catalog.Current, model, provider))
        {
            return AdminJson.NotFound($"The model '{model}' has no endpoint on provider '{provider}'.");
        }

        if (PriceParsing.Parse(body.Input, body.Output, body.CachedInput, body.CacheWrite, body.Reasoning, body.Request) is not { } pricing)
        {
            return AdminJson.BadRequest("'input' and 'output' are required, and every price must be a non-negative USD amount written as decimal text.");
        }

        var version = await ledger.SetRatesAsync(model, provider, pricing, body.Request is null ? null : pricing.RequestFee, cancellationToken);
        return TypedResults.Json(new VersionResponse(version), AdminJsonContext.Default.VersionResponse);
    }

    private static async Task<Results<JsonHttpResult<VersionResponse>, ProblemHttpResult>> SetMarkupAsync(
        HttpRequest request, LedgerAdministration ledger, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync(request, AdminJsonContext.Default.SetMarkupRequest, cancellationToken);
        if (body is null || !Enum.TryParse<MarkupScope>(body.Scope, ignoreCase: true, out var scope) || !Enum.IsDefined(scope))
        {
            return AdminJson.BadRequest("'scope' must be one of global, provider, model, account.");
        }

        if (scope != MarkupScope.Global && string.IsNullOrWhiteSpace(body.Subject))
        {
            return AdminJson.BadRequest("'subject' names the provider, model or account the markup is for.");
        }

        if (StoredTextBounds.IsLonger(body.Subject?.Trim(), StoredTextBounds.MaxNameLength))
        {
            return StoredTextBounds.TooLong("subject");
        }

        long? ppm = null;
        if (body.Percent is not null)
        {
            if (!Percent.TryParsePartsPerMillion(body.Percent, out var parsed))
            {
                return AdminJson.BadRequest("'percent' must be a non-negative percentage with at most four decimals, such as \"12.5\".");
            }

            ppm = parsed;
        }

        var version = await ledger.SetMarkupAsync(scope, body.Subject?.Trim() ?? "", ppm, cancellationToken);
        return TypedResults.Json(new VersionResponse(version), AdminJsonContext.Default.VersionResponse);
    }

    private static async Task<Results<JsonHttpResult<ApiKeyResponse>, ProblemHttpResult>> SetKeyLimitsAsync(
        string id, HttpRequest request, LedgerAdministration ledger, CancellationToken cancellationToken)
    {
        var body = await AdminJson.ReadAsync(request, AdminJsonContext.Default.KeyLimitsRequest, cancellationToken);
        if (body is null)
        {
            return AdminJson.BadRequest("The body must be a JSON object of limits.");
        }

        var (limits, badField) = KeyLimitsMapping.FromRequest(body);
        if (limits is null)
        {
            return AdminJson.BadRequest($"'{badField}' is not valid: spend limits are USD decimal text, rates and concurrency positive integers.");
        }

        var updated = await ledger.SetKeyLimitsAsync(id, limits, cancellationToken);
        return updated is null
            ? AdminJson.NotFound($"There is no key '{id}'.")
            : TypedResults.Json(ApiKeyResponse.From(updated), AdminJsonContext.Default.ApiKeyResponse);
    }
}
