using System.Globalization;
using Microsoft.Data.Sqlite;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>Reads of the books in SQLite.</summary>
internal sealed class SqliteLedgerQueries(SqliteDatabase database) : ILedgerQueries
{
    public async Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, $"SELECT {ChargeRows.Columns} FROM charges WHERE request_id = $id", ("$id", requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ChargeRows.Read(reader);
    }

    public async Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Transactions and charges share the sequence; a charge row is its own journal entry (migration 0005). Both
        // sides of the union are read in sequence order from an index, and merged.
        var sql = query.AccountId is null
            ? """
              SELECT sequence, reference, kind, created_at, memo, NULL, NULL, NULL FROM ledger_transactions WHERE sequence > $after
              UNION ALL
              SELECT sequence, request_id, NULL, created_at, NULL, account_id, provider_cost, markup FROM charges WHERE sequence > $after
              ORDER BY 1 LIMIT $limit
              """
            : """
              SELECT t.sequence, t.reference, t.kind, t.created_at, t.memo, NULL, NULL, NULL FROM ledger_transactions t
              WHERE t.sequence > $after AND EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = t.sequence AND p.account = $account)
              UNION ALL
              SELECT sequence, request_id, NULL, created_at, NULL, account_id, provider_cost, markup FROM charges WHERE account_id = $account_id AND sequence > $after
              ORDER BY 1 LIMIT $limit
              """;
        var entries = new List<JournalEntry>();
        var transactions = new List<(int Index, long Sequence)>();
        await using (var command = SqliteCommands.Create(connection, null, sql,
            ("$after", query.AfterSequence), ("$limit", Math.Clamp(query.Limit, 1, 1000)),
            ("$account", query.AccountId is null ? null : LedgerAccounts.User(query.AccountId)), ("$account_id", query.AccountId)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var sequence = reader.GetInt64(0);
                var createdAt = UnixTime.FromMillis(reader.GetInt64(3));
                if (reader.IsDBNull(2))
                {
                    entries.Add(ChargeRecord.JournalEntryOf(sequence, reader.GetString(1), reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), createdAt));
                    continue;
                }

                transactions.Add((entries.Count, sequence));
                entries.Add(new JournalEntry(sequence, reader.GetString(1), (LedgerTransactionKind)reader.GetInt32(2), createdAt,
                    reader.IsDBNull(4) ? null : reader.GetString(4), []));
            }
        }

        var postings = await ReadPostingsAsync(connection, [.. transactions.Select(t => t.Sequence)], cancellationToken);
        foreach (var (index, sequence) in transactions)
        {
            entries[index] = entries[index] with { Postings = postings.GetValueOrDefault(sequence) ?? [] };
        }

        return entries;
    }

    public async Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // One read transaction: every figure comes from the same snapshot of the books.
        await using var snapshot = connection.BeginTransaction(deferred: true);
        // Charges add nothing to the sum: each row's legs are its total taken from the user and the same total split
        // between provider cost and markup (ChargeRecord.PostingsOf). They count in each account's total below.
        var sum = await SqliteCommands.ScalarInt64Async(connection, snapshot, "SELECT COALESCE(SUM(amount), 0) FROM ledger_postings", cancellationToken);
        var users = await SqliteCommands.ScalarInt64Async(connection, snapshot,
            "SELECT COALESCE(SUM(balance), 0) FROM ledger_balances WHERE account LIKE 'user:%'", cancellationToken);
        var leases = await SqliteCommands.ScalarInt64Async(connection, snapshot, "SELECT COALESCE(SUM(amount), 0) FROM balance_leases", cancellationToken);
        var system = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var account in LedgerAccounts.SystemAccounts)
        {
            system[account] = await SqliteLedgerWriter.BalanceAsync(connection, snapshot, account, cancellationToken);
        }

        var unbalanced = await ReadStringsAsync(connection, snapshot, """
            SELECT t.reference FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_sequence = t.sequence
            GROUP BY t.sequence HAVING SUM(p.amount) <> 0
            """, cancellationToken);
        var mismatches = await ReadStringsAsync(connection, snapshot, """
            WITH legs (account, amount) AS (
                SELECT account, SUM(amount) FROM ledger_postings GROUP BY account
                UNION ALL SELECT 'user:' || account_id, -SUM(provider_cost + markup) FROM charges GROUP BY account_id
                UNION ALL SELECT $provider_cost, SUM(provider_cost) FROM charges
                UNION ALL SELECT $markup_revenue, SUM(markup) FROM charges
            ), totals AS (
                SELECT account, SUM(amount) AS total FROM legs GROUP BY account
            )
            SELECT t.account FROM totals t LEFT JOIN ledger_balances b ON b.account = t.account WHERE COALESCE(b.balance, 0) <> COALESCE(t.total, 0)
            UNION
            SELECT b.account FROM ledger_balances b LEFT JOIN totals t ON t.account = b.account WHERE b.balance <> COALESCE(t.total, 0)
            ORDER BY 1
            """, cancellationToken, ("$provider_cost", LedgerAccounts.ProviderCost), ("$markup_revenue", LedgerAccounts.MarkupRevenue));
        return new LedgerReconciliation(sum, users, leases, system, unbalanced, mismatches);
    }

    public async Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var dayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var monthStart = new DateOnly(day.Year, day.Month, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var command = SqliteCommands.Create(connection, null, """
            WITH RECURSIVE family(id) AS (
                SELECT $key
                UNION
                SELECT k.id FROM api_keys k JOIN family f ON k.maker_key_id = f.id
            )
            SELECT COALESCE(SUM(amount), 0),
                   COALESCE(SUM(CASE WHEN day = $day THEN amount END), 0),
                   COALESCE(SUM(CASE WHEN day >= $month AND day <= $day THEN amount END), 0)
            FROM key_spend WHERE key_id IN (SELECT id FROM family)
            """, ("$key", keyId), ("$day", dayText), ("$month", monthStart));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new KeySpend(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<UsageRow>> ListUsageAsync(
        string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = SqliteCommands.Create(connection, null, """
            SELECT day, model, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens), SUM(reasoning_tokens), SUM(cached_tokens), SUM(provider_cost + markup)
            FROM charges
            WHERE account_id = $account AND ($from IS NULL OR day >= $from) AND ($to IS NULL OR day <= $to)
            GROUP BY day, model ORDER BY day DESC, model LIMIT $limit OFFSET $offset
            """,
            ("$account", accountId), ("$from", firstDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            ("$to", lastDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$limit", Math.Clamp(limit, 1, 1000)), ("$offset", Math.Max(offset, 0)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture), reader.GetString(1),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return rows;
    }

    public async Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Usage is what the account's charges took; they are charge rows, not postings (migration 0005).
        await using var command = SqliteCommands.Create(connection, null, """
            SELECT COALESCE((SELECT SUM(p.amount) FROM ledger_postings p JOIN ledger_transactions t ON t.sequence = p.transaction_sequence
                             WHERE p.account = $account AND t.kind IN ($credit, $deposit, $debit)), 0),
                   COALESCE((SELECT SUM(provider_cost + markup) FROM charges WHERE account_id = $account_id), 0)
            """,
            ("$account", LedgerAccounts.User(accountId)), ("$account_id", accountId), ("$credit", (int)LedgerTransactionKind.Credit),
            ("$deposit", (int)LedgerTransactionKind.Deposit), ("$debit", (int)LedgerTransactionKind.Debit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AccountTotals(reader.GetInt64(0), reader.GetInt64(1));
    }

    private static async Task<Dictionary<long, List<Posting>>> ReadPostingsAsync(SqliteConnection connection, List<long> sequences, CancellationToken cancellationToken)
    {
        var postings = new Dictionary<long, List<Posting>>();
        if (sequences.Count == 0)
        {
            return postings;
        }

        await using var command = SqliteCommands.Create(connection, null,
            "SELECT transaction_sequence, account, amount FROM ledger_postings WHERE transaction_sequence BETWEEN $first AND $last ORDER BY rowid",
            ("$first", sequences.Min()), ("$last", sequences.Max()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var wanted = sequences.ToHashSet();
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            if (wanted.Contains(sequence))
            {
                (postings.TryGetValue(sequence, out var list) ? list : postings[sequence] = []).Add(new Posting(reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return postings;
    }

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(
        SqliteConnection connection, SqliteTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = SqliteCommands.Create(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
