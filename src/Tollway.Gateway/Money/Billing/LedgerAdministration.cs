using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// The operator's money actions, shared by the admin API and the command line: credits and debits (each under the
/// operator's idempotency key, so a retried command moves money once), the journal, reconciliation, runtime prices
/// and markups, and key limits.
/// </summary>
public sealed class LedgerAdministration(
    ILedgerStore ledger,
    ILedgerQueries queries,
    IAccountStore accounts,
    IApiKeyStore keys,
    IPricingStore pricing,
    PriceBookState priceBook,
    CatalogState catalog,
    ApiKeyCache keyCache,
    IEnumerable<ICreditListener> creditListeners,
    TimeProvider timeProvider)
{
    /// <summary>Adds money to an account. <see langword="null"/> when the account does not exist.</summary>
    public Task<PostOutcome?> CreditAsync(string accountId, long amount, string reason, string idempotencyKey, CancellationToken cancellationToken) =>
        MoveAsync(new OperatorMove(accountId, LedgerTransactionKind.Credit, amount, reason, idempotencyKey), cancellationToken);

    /// <summary>Takes money from an account (never below what it has free). <see langword="null"/> when the account does not exist.</summary>
    public Task<PostOutcome?> DebitAsync(string accountId, long amount, string reason, string idempotencyKey, CancellationToken cancellationToken) =>
        MoveAsync(new OperatorMove(accountId, LedgerTransactionKind.Debit, amount, reason, idempotencyKey), cancellationToken);

    /// <summary>An account's balance and what nodes hold leased of it.</summary>
    public async Task<(long Balance, long Leased)> GetBalanceAsync(string accountId, CancellationToken cancellationToken) =>
        (await ledger.GetBalanceAsync(LedgerAccounts.User(accountId), cancellationToken), await ledger.GetLeasedAsync(accountId, cancellationToken));

    /// <summary>A page of the journal.</summary>
    public Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken) =>
        queries.ListJournalAsync(query, cancellationToken);

    /// <summary>Checks the books.</summary>
    public Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken) => queries.ReconcileAsync(cancellationToken);

    /// <summary>Sets an endpoint's price at run time; requests admitted from now on are quoted at it.</summary>
    public async Task<long> SetPriceAsync(PriceOverride price, CancellationToken cancellationToken)
    {
        var dated = price.PricedOn is null ? price with { PricedOn = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime) } : price;
        var version = await pricing.SetPriceAsync(dated, cancellationToken);
        await priceBook.RefreshAsync(force: true, cancellationToken);
        return version;
    }

    /// <summary>
    /// Sets an endpoint's token rates at run time, with <paramref name="requestFee"/> if one is given; without one, the
    /// fee in force (the runtime price's, else the configured one) stays, as it does when a price file without fees is
    /// imported: a change of token rates never drops a fee.
    /// </summary>
    public async Task<long> SetRatesAsync(string model, string provider, ModelPricing rates, long? requestFee, CancellationToken cancellationToken)
    {
        await priceBook.RefreshAsync(force: true, cancellationToken);
        var fee = requestFee ?? RequestFeeInForce(model, provider);
        return await SetPriceAsync(new PriceOverride(model, provider, rates with { RequestFee = fee }), cancellationToken);
    }

    /// <summary>Sets or clears a markup at run time.</summary>
    public async Task<long> SetMarkupAsync(MarkupScope scope, string subject, long? partsPerMillion, CancellationToken cancellationToken)
    {
        var version = await pricing.SetMarkupAsync(scope, scope == MarkupScope.Global ? "" : subject, partsPerMillion, cancellationToken);
        await priceBook.RefreshAsync(force: true, cancellationToken);
        return version;
    }

    /// <summary>Replaces a key's limits; <see langword="null"/> when there is no such key.</summary>
    public async Task<ApiKeyRecord?> SetKeyLimitsAsync(string keyId, KeyLimits limits, CancellationToken cancellationToken)
    {
        var updated = await keys.UpdateLimitsAsync(keyId, limits, cancellationToken);
        if (updated is not null)
        {
            keyCache.ApplyLocal(updated);
        }

        return updated;
    }

    private long RequestFeeInForce(string model, string provider) =>
        catalog.Current.TryFind(model, out var found)
        && found.Endpoints.FirstOrDefault(e => string.Equals(e.Provider.Name, provider, StringComparison.OrdinalIgnoreCase)) is { } endpoint
            ? priceBook.Current.PriceOf(found, endpoint)?.RequestFee ?? 0
            : 0;

    /// <summary>Whether a public model and provider name an endpoint of the catalog.</summary>
    public static bool IsEndpoint(ModelCatalog catalog, string model, string provider) =>
        catalog.TryFind(model, out var found) && found.Endpoints.Any(e => string.Equals(e.Provider.Name, provider, StringComparison.OrdinalIgnoreCase));

    private async Task<PostOutcome?> MoveAsync(OperatorMove move, CancellationToken cancellationToken)
    {
        var amount = move.Amount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        if (await accounts.FindAsync(move.AccountId, cancellationToken) is null)
        {
            return null;
        }

        var outcome = await ledger.PostAsync(
            LedgerTransaction.Transfer(move.Reference, move.Kind, timeProvider.GetUtcNow(), move.From, move.To, amount, move.Reason), cancellationToken);
        if (outcome == PostOutcome.Posted && move.Kind == LedgerTransactionKind.Credit)
        {
            // This node may have found the account empty a moment ago; let the next request look again at once.
            foreach (var listener in creditListeners)
            {
                listener.NotifyCredited(move.AccountId);
            }
        }

        return outcome;
    }
}
