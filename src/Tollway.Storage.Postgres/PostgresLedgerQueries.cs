using System.Data;
using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>Reads of the books in PostgreSQL. Text is ordered byte-wise (<c>COLLATE "C"</c>), as SQLite orders it, whatever the database's locale.</summary>
internal sealed class PostgresLedgerQueries(NpgsqlDataSource dataSource) : ILedgerQueries
{
    public async Task<ChargeRecord?> FindChargeAsync(string requestId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {ChargeRows.Columns} FROM charges WHERE request_id = @id");
        command.Parameters.Add(PostgresSql.Parameter("id", requestId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return ChargeRows.Read(reader);
    }

    public async Task<IReadOnlyList<JournalEntry>> ListJournalAsync(JournalQuery query, CancellationToken cancellationToken)
    {
        // The page and its postings in one query; the postings keep the order they were given in. Transactions and
        // charges share the sequence; a charge row is its own journal entry (migration 0005), its postings made from it.
        var (transactionFilter, chargeFilter) = query.AccountId is null
            ? ("", "")
            : ("AND EXISTS (SELECT 1 FROM ledger_postings p WHERE p.transaction_sequence = t.sequence AND p.account = @account)", "AND c.account_id = @account_id");
        await using var command = dataSource.CreateCommand($"""
            WITH page AS (
                (SELECT t.sequence, t.reference, t.kind, t.created_at, t.memo, NULL::text AS account_id, NULL::bigint AS provider_cost, NULL::bigint AS markup
                 FROM ledger_transactions t WHERE t.sequence > @after {transactionFilter} ORDER BY t.sequence LIMIT @limit)
                UNION ALL
                (SELECT c.sequence, c.request_id, NULL, c.created_at, NULL, c.account_id, c.provider_cost, c.markup
                 FROM charges c WHERE c.sequence > @after {chargeFilter} ORDER BY c.sequence LIMIT @limit)
                ORDER BY 1 LIMIT @limit
            )
            SELECT page.sequence, page.reference, page.kind, page.created_at, page.memo, page.account_id, page.provider_cost, page.markup, p.account, p.amount
            FROM page LEFT JOIN ledger_postings p ON page.kind IS NOT NULL AND p.transaction_sequence = page.sequence
            ORDER BY page.sequence, p.leg
            """);
        command.Parameters.Add(PostgresSql.Parameter("after", query.AfterSequence));
        command.Parameters.Add(PostgresSql.Parameter("limit", Math.Clamp(query.Limit, 1, 1000)));
        if (query.AccountId is not null)
        {
            command.Parameters.Add(PostgresSql.Parameter("account", LedgerAccounts.User(query.AccountId)));
            command.Parameters.Add(PostgresSql.Parameter("account_id", query.AccountId));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<JournalEntry>();
        List<Posting>? postings = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var sequence = reader.GetInt64(0);
            var createdAt = UnixTime.FromMillis(reader.GetInt64(3));
            if (reader.IsDBNull(2))
            {
                entries.Add(ChargeRecord.JournalEntryOf(sequence, reader.GetString(1), reader.GetString(5), reader.GetInt64(6), reader.GetInt64(7), createdAt));
                continue;
            }

            if (entries.Count == 0 || entries[^1].Sequence != sequence)
            {
                postings = [];
                entries.Add(new JournalEntry(sequence, reader.GetString(1), (LedgerTransactionKind)reader.GetInt32(2), createdAt,
                    reader.IsDBNull(4) ? null : reader.GetString(4), postings));
            }

            if (!reader.IsDBNull(8))
            {
                postings!.Add(new Posting(reader.GetString(8), reader.GetInt64(9)));
            }
        }

        return entries;
    }

    public async Task<LedgerReconciliation> ReconcileAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One repeatable-read transaction: every figure comes from the same snapshot of the books, while nodes go on
        // writing.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using var batch = PostgresSql.Batch(connection, snapshot, [
            // Charges add nothing to the sum: each row's legs are its total taken from the user and the same total
            // split between provider cost and markup (ChargeRecord.PostingsOf). They count in each account's total below.
            PostgresSql.Command("SELECT COALESCE(SUM(amount), 0)::bigint FROM ledger_postings"),
            PostgresSql.Command("SELECT COALESCE(SUM(balance), 0)::bigint FROM ledger_balances WHERE account LIKE 'user:%'"),
            PostgresSql.Command("SELECT COALESCE(SUM(amount), 0)::bigint FROM balance_leases"),
            PostgresSql.Command("SELECT account, balance FROM ledger_balances WHERE account = ANY(@accounts)",
                PostgresLedgerWriter.TextArray("accounts", [.. LedgerAccounts.SystemAccounts])),
            PostgresSql.Command("""
                SELECT t.reference FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_sequence = t.sequence
                GROUP BY t.sequence, t.reference HAVING SUM(p.amount) <> 0 ORDER BY t.sequence
                """),
            PostgresSql.Command("""
                WITH legs (account, amount) AS (
                    SELECT account, SUM(amount) FROM ledger_postings GROUP BY account
                    UNION ALL SELECT 'user:' || account_id, -SUM(provider_cost + markup) FROM charges GROUP BY account_id
                    UNION ALL SELECT @provider_cost, SUM(provider_cost) FROM charges
                    UNION ALL SELECT @markup_revenue, SUM(markup) FROM charges
                )
                SELECT COALESCE(d.account, b.account) AS account
                FROM (SELECT account, SUM(amount) AS total FROM legs GROUP BY account) d
                FULL JOIN ledger_balances b ON b.account = d.account
                WHERE COALESCE(b.balance, 0) <> COALESCE(d.total, 0)
                ORDER BY COALESCE(d.account, b.account) COLLATE "C"
                """,
                PostgresSql.Parameter("provider_cost", LedgerAccounts.ProviderCost), PostgresSql.Parameter("markup_revenue", LedgerAccounts.MarkupRevenue)),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var sum = await ReadInt64Async(reader, cancellationToken);
        var users = await ReadInt64Async(reader, cancellationToken);
        var leases = await ReadInt64Async(reader, cancellationToken);
        var system = LedgerAccounts.SystemAccounts.ToDictionary(a => a, _ => 0L, StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            system[reader.GetString(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(cancellationToken);
        var unbalanced = await ReadStringsAsync(reader, cancellationToken);
        var mismatches = await ReadStringsAsync(reader, cancellationToken);
        return new LedgerReconciliation(sum, users, leases, system, unbalanced, mismatches);
    }

    public async Task<KeySpend> GetKeySpendAsync(string keyId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            WITH RECURSIVE family AS (
                SELECT @key::text AS id
                UNION
                SELECT k.id FROM api_keys k JOIN family f ON k.maker_key_id = f.id
            )
            SELECT COALESCE(SUM(amount), 0)::bigint,
                   COALESCE(SUM(amount) FILTER (WHERE day = @day), 0)::bigint,
                   COALESCE(SUM(amount) FILTER (WHERE day >= @month AND day <= @day), 0)::bigint
            FROM key_spend WHERE key_id IN (SELECT id FROM family)
            """);
        command.Parameters.Add(PostgresSql.Parameter("key", keyId));
        command.Parameters.Add(PostgresSql.Parameter("day", NpgsqlDbType.Date, day));
        command.Parameters.Add(PostgresSql.Parameter("month", NpgsqlDbType.Date, new DateOnly(day.Year, day.Month, 1)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new KeySpend(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task<IReadOnlyList<UsageRow>> ListUsageAsync(
        string accountId, DateOnly? firstDay, DateOnly? lastDay, int offset, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT day, model, COUNT(*), SUM(prompt_tokens)::bigint, SUM(completion_tokens)::bigint, SUM(reasoning_tokens)::bigint,
                   SUM(cached_tokens)::bigint, SUM(provider_cost + markup)::bigint
            FROM charges
            WHERE account_id = @account AND (@from IS NULL OR day >= @from) AND (@to IS NULL OR day <= @to)
            GROUP BY day, model ORDER BY day DESC, model COLLATE "C" LIMIT @limit OFFSET @offset
            """);
        command.Parameters.Add(PostgresSql.Parameter("account", accountId));
        command.Parameters.Add(PostgresSql.Parameter("from", NpgsqlDbType.Date, firstDay));
        command.Parameters.Add(PostgresSql.Parameter("to", NpgsqlDbType.Date, lastDay));
        command.Parameters.Add(PostgresSql.Parameter("limit", Math.Clamp(limit, 1, 1000)));
        command.Parameters.Add(PostgresSql.Parameter("offset", Math.Max(offset, 0)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<UsageRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new UsageRow(reader.GetFieldValue<DateOnly>(0), reader.GetString(1),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        }

        return rows;
    }

    public async Task<AccountTotals> GetAccountTotalsAsync(string accountId, CancellationToken cancellationToken)
    {
        // Usage is what the account's charges took; they are charge rows, not postings (migration 0005).
        await using var command = dataSource.CreateCommand("""
            SELECT COALESCE((SELECT SUM(p.amount) FROM ledger_postings p JOIN ledger_transactions t ON t.sequence = p.transaction_sequence
                             WHERE p.account = @account AND t.kind = ANY(@paid_in)), 0)::bigint,
                   COALESCE((SELECT SUM(provider_cost + markup) FROM charges WHERE account_id = @account_id), 0)::bigint
            """);
        command.Parameters.Add(PostgresSql.Parameter("account", LedgerAccounts.User(accountId)));
        command.Parameters.Add(PostgresSql.Parameter("account_id", accountId));
        // Operator debits count against what was paid in, not as usage.
        command.Parameters.Add(PostgresSql.Parameter("paid_in", new[]
        {
            (int)LedgerTransactionKind.Credit, (int)LedgerTransactionKind.Deposit, (int)LedgerTransactionKind.Debit,
        }));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AccountTotals(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Reads the single value of the current result and moves to the next.</summary>
    private static async Task<long> ReadInt64Async(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        var value = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        return value;
    }

    /// <summary>Reads the current result's strings and moves to the next.</summary>
    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken);
        return values;
    }
}
