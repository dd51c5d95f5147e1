using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Tollway.Chain.Api;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Money;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.Accounts;

/// <summary>
/// The wallet owner's API under <c>/account/v1</c>, for a sign-in session or an API key of the account: balance,
/// deposits, where to deposit and usage, which any of them may read, and the account's keys, which only a session or a
/// key with the management role may manage (<see cref="AccountKeyEndpoints"/>). Each request sees only its own account.
/// Errors as ProblemDetails.
/// </summary>
public static class AccountEndpoints
{
    private const int MaxDeposits = 500;

    /// <summary>Maps the account API.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account/v1").WithTags("Account").AddEndpointFilter<AccountAuthFilter>();
        account.MapGet("/balance", BalanceAsync).WithName("AccountBalance");
        account.MapGet("/deposits", DepositsAsync).WithName("AccountDeposits");
        account.MapGet("/deposit-instructions", InstructionsAsync).WithName("AccountDepositInstructions");
        account.MapAccountKeys();
        account.MapGet("/usage", UsageAsync).WithName("AccountUsage");
        return endpoints;
    }

    private static async Task<JsonHttpResult<AccountBalanceResponse>> BalanceAsync(
        HttpContext context, LedgerAdministration ledger, BalanceBook book, IDepositStore deposits, IWalletStore wallets, CancellationToken cancellationToken)
    {
        var accountId = AccountAuthFilter.AccountOf(context);
        // Leases are the nodes' working reserves, not spending: only what requests in flight hold is taken off.
        var (balance, _) = await ledger.GetBalanceAsync(accountId, cancellationToken);
        var held = book.HeldOnThisNode(accountId);
        var pending = (await deposits.ListByAccountAsync(accountId, MaxDeposits, cancellationToken))
            .Where(d => d.Status == DepositStatus.Pending).Sum(d => d.Amount);
        var owned = await wallets.ListWalletsAsync(accountId, cancellationToken);
        return TypedResults.Json(
            new AccountBalanceResponse(accountId, UsdAmount.FormatUsd(Math.Max(0, balance - held)), UsdAmount.FormatUsd(held),
                UsdAmount.FormatUsd(pending), [.. owned.Select(EthereumAddresses.ToChecksum)]),
            ChainJsonContext.Default.AccountBalanceResponse);
    }

    private static async Task<JsonHttpResult<DataList<DepositResponse>>> DepositsAsync(
        HttpContext context, IDepositStore deposits, ChainRegistry chains, CancellationToken cancellationToken)
    {
        var list = await deposits.ListByAccountAsync(AccountAuthFilter.AccountOf(context), MaxDeposits, cancellationToken);
        return TypedResults.Json(new DataList<DepositResponse>([.. list.Select(d => new DepositResponse(
            d.ChainId, d.TransactionHash, d.LogIndex, d.BlockNumber, EthereumAddresses.ToChecksum(d.Token), chains.Find(d.ChainId)?.FindToken(d.Token)?.Symbol,
            EthereumAddresses.ToChecksum(d.Sender), UsdAmount.FormatUsd(d.Amount), d.RawAmount, d.Dust, d.Status.ToString().ToLowerInvariant(),
            d.SeenAt, d.ConfirmedAt, d.Reference))]), ChainJsonContext.Default.DataListDepositResponse);
    }

    private static async Task<Results<JsonHttpResult<DataList<DepositInstructionResponse>>, ProblemHttpResult>> InstructionsAsync(
        HttpContext context, ChainRegistry chains, IWalletStore wallets, CancellationToken cancellationToken)
    {
        long? nanos = null;
        if (context.Request.Query["amount_usd"].ToString() is { Length: > 0 } text)
        {
            if (!UsdAmount.TryParseNanos(text, out var parsed) || parsed <= 0)
            {
                return TypedResults.Problem("'amount_usd' must be a positive USD amount.", statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
            }

            nanos = parsed;
        }

        // A transfer below a chain's minimum deposit is never credited: no payment URI may ask for one.
        var payable = chains.All.Where(c => c.Treasury is not null).ToList();
        var minimum = payable.Count == 0 ? 0 : payable.Max(c => c.MinDeposit);
        if (nanos < minimum)
        {
            return TypedResults.Problem($"'amount_usd' must be at least {UsdAmount.FormatUsd(minimum)}, the smallest deposit credited.",
                statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
        }

        var from = (await wallets.ListWalletsAsync(AccountAuthFilter.AccountOf(context), cancellationToken)).Select(EthereumAddresses.ToChecksum).ToArray();
        var instructions = payable.SelectMany(chain => chain.Tokens.Select(token => new DepositInstructionResponse(
            chain.Name, chain.ChainId, token.Symbol, token.ChecksumAddress, token.Decimals, EthereumAddresses.ToChecksum(chain.Treasury!.Value),
            chain.Confirmation.ToString(), PaymentUris.Transfer(chain, token, nanos is { } n ? TokenAmount.ToBaseUnitsRoundedUp(n, token.Decimals) : null), from,
            UsdAmount.FormatUsd(chain.MinDeposit))));
        return TypedResults.Json(new DataList<DepositInstructionResponse>([.. instructions]), ChainJsonContext.Default.DataListDepositInstructionResponse);
    }

    private static async Task<Results<JsonHttpResult<DataList<UsageResponse>>, ProblemHttpResult>> UsageAsync(
        HttpContext context, ILedgerQueries queries, CancellationToken cancellationToken)
    {
        if (!TryDay(context.Request.Query["from"], out var from) || !TryDay(context.Request.Query["to"], out var to))
        {
            return TypedResults.Problem("'from' and 'to' are dates (YYYY-MM-DD).", statusCode: StatusCodes.Status400BadRequest, title: "Bad Request");
        }

        var rows = await queries.ListUsageAsync(AccountAuthFilter.AccountOf(context), from, to, 0, 1000, cancellationToken);
        return TypedResults.Json(new DataList<UsageResponse>([.. rows.Select(r => new UsageResponse(
            r.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Model, r.Requests, r.PromptTokens, r.CompletionTokens,
            r.ReasoningTokens, r.CachedTokens, UsdAmount.FormatUsd(r.Cost)))]), ChainJsonContext.Default.DataListUsageResponse);
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }
}
