using System.Globalization;
using Microsoft.Data.Sqlite;
using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One group commit of charges inside an open transaction. Per charge it writes only what is its own (the transaction
/// row, its postings, its charge row), through three statements prepared once for the batch; the balances, key spend
/// and leases it moves are summed over the batch and written once per account, so a batch of a thousand charges for
/// one account updates that account's balance once.
/// </summary>
/// <remarks>
/// The per-charge statements are <see cref="SqlitePreparedStatement"/>s rather than commands: with a command per row
/// the driver's naming, binding and statement preparation cost more than SQLite's own work, and this class is what the
/// single charge writer spends its time in (measured by bench/Tollway.Benchmarks, SqliteChargeCommit).
/// </remarks>
internal sealed class SqliteChargeBatch(SqliteConnection connection, SqliteTransaction transaction)
{
    private readonly Dictionary<string, long> _spendable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Account, string Node), long> _leases = [];
    private readonly Dictionary<(string Key, string Day), (long Amount, long Requests)> _spend = [];

    public async Task<IReadOnlyList<PostOutcome>> CommitAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        var outcomes = new PostOutcome[charges.Count];
        using var insertTransaction = new SqlitePreparedStatement(connection, """
            INSERT INTO ledger_transactions (reference, kind, created_at) VALUES (?1, ?2, ?3)
            ON CONFLICT (reference) DO NOTHING
            RETURNING sequence
            """);
        using var insertPosting = new SqlitePreparedStatement(connection,
            "INSERT INTO ledger_postings (transaction_sequence, account, amount) VALUES (?1, ?2, ?3)");
        using var insertCharge = new SqlitePreparedStatement(connection, """
            INSERT INTO charges (request_id, transaction_sequence, account_id, key_id, model, provider, upstream_model, prompt_tokens,
                completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            """);
        for (var i = 0; i < charges.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = charges[i];
            var charge = pending.Charge;
            var ledger = charge.ToTransaction();
            insertTransaction.Bind(1, ledger.Reference);
            insertTransaction.Bind(2, (int)ledger.Kind);
            insertTransaction.Bind(3, UnixTime.ToMillis(ledger.CreatedAt));
            if (insertTransaction.ExecuteInt64() is not { } sequence)
            {
                outcomes[i] = PostOutcome.Duplicate;
                continue;
            }

            // Charges never exceed the holds they settle, and holds never exceed leased balance; this check only
            // bites when a node outlived its lease (a pause longer than the lease), and then the charge is refused
            // rather than taking the customer below zero.
            var user = LedgerAccounts.User(charge.AccountId);
            if (!_spendable.TryGetValue(user, out var left))
            {
                left = await SqliteLedgerWriter.BalanceAsync(connection, transaction, user, cancellationToken);
            }

            if (charge.Total > left)
            {
                await SqliteCommands.ExecuteAsync(connection, transaction, "DELETE FROM ledger_transactions WHERE sequence = $sequence",
                    cancellationToken, ("$sequence", sequence));
                _spendable[user] = left;
                outcomes[i] = PostOutcome.InsufficientFunds;
                continue;
            }

            _spendable[user] = left - charge.Total;
            foreach (var posting in ledger.Postings)
            {
                insertPosting.Bind(1, sequence);
                insertPosting.Bind(2, posting.Account);
                insertPosting.Bind(3, posting.Amount);
                insertPosting.Execute();
                _balances[posting.Account] = _balances.GetValueOrDefault(posting.Account) + posting.Amount;
            }

            var day = Day(charge.CreatedAt);
            InsertCharge(insertCharge, charge, sequence, day);
            Tally(pending, day);
            outcomes[i] = PostOutcome.Posted;
        }

        await SqliteLedgerWriter.AddToBalancesAsync(connection, transaction, _balances, cancellationToken);
        await ShrinkLeasesAsync(cancellationToken);
        await AddSpendAsync(cancellationToken);
        return outcomes;
    }

    private static void InsertCharge(SqlitePreparedStatement statement, ChargeRecord charge, long sequence, string day)
    {
        statement.Bind(1, charge.RequestId);
        statement.Bind(2, sequence);
        statement.Bind(3, charge.AccountId);
        statement.Bind(4, charge.KeyId);
        statement.Bind(5, charge.Model);
        statement.Bind(6, charge.Provider);
        statement.Bind(7, charge.UpstreamModel);
        statement.Bind(8, charge.PromptTokens);
        statement.Bind(9, charge.CompletionTokens);
        statement.Bind(10, charge.CachedTokens);
        statement.Bind(11, charge.CacheWriteTokens);
        statement.Bind(12, charge.ReasoningTokens);
        statement.Bind(13, charge.ProviderCost);
        statement.Bind(14, charge.Markup);
        statement.Bind(15, charge.Estimated ? 1 : 0);
        statement.Bind(16, charge.Streamed ? 1 : 0);
        statement.Bind(17, UnixTime.ToMillis(charge.CreatedAt));
        statement.Bind(18, day);
        statement.Execute();
    }

    /// <summary>Adds a posted charge to the lease and key spend it moves, written once per batch.</summary>
    private void Tally(PendingCharge pending, string day)
    {
        var charge = pending.Charge;
        _leases[(charge.AccountId, pending.NodeId)] = _leases.GetValueOrDefault((charge.AccountId, pending.NodeId)) + charge.Total;
        if (charge.KeyId is { } keyId)
        {
            var (amount, requests) = _spend.GetValueOrDefault((keyId, day));
            _spend[(keyId, day)] = (amount + charge.Total, requests + 1);
        }
    }

    private async Task ShrinkLeasesAsync(CancellationToken cancellationToken)
    {
        foreach (var ((account, node), amount) in _leases)
        {
            await SqliteCommands.ExecuteAsync(connection, transaction,
                "UPDATE balance_leases SET amount = MAX(amount - $amount, 0) WHERE account_id = $account AND node_id = $node",
                cancellationToken, ("$account", account), ("$node", node), ("$amount", amount));
        }
    }

    private async Task AddSpendAsync(CancellationToken cancellationToken)
    {
        foreach (var ((key, day), (amount, requests)) in _spend)
        {
            await SqliteCommands.ExecuteAsync(connection, transaction, """
                INSERT INTO key_spend (key_id, day, amount, requests) VALUES ($key, $day, $amount, $requests)
                ON CONFLICT (key_id, day) DO UPDATE SET amount = amount + excluded.amount, requests = requests + excluded.requests
                """, cancellationToken, ("$key", key), ("$day", day), ("$amount", amount), ("$requests", requests));
        }
    }

    internal static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
