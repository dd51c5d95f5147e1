using Npgsql;
using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>
/// The journal and leases in PostgreSQL, shared by every gateway node. Whatever checks what a customer can spend
/// (debits, leases, charges) first locks that customer's balance row (see <see cref="PostgresLedgerWriter"/>), so two
/// nodes never both see the same money free. Reads that decide run as statements after the lock, never in the same
/// statement: a statement's snapshot is taken before it waits, and would not see what the previous holder wrote.
/// </summary>
internal sealed class PostgresLedgerStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : ILedgerStore
{
    /// <summary>A reference taken by a writer that locked nothing in common with us fails the insert; the retry then
    /// finds the reference and reports a duplicate, as a sequential replay would.</summary>
    internal const int Attempts = 3;

    public async Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryPostAsync(transaction, cancellationToken);
            }
            catch (PostgresException e) when (PostgresSql.IsDuplicateReference(e) && attempt < Attempts)
            {
            }
        }
    }

    public async Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        if (charges.Count == 0)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                return await new PostgresChargeBatch(connection).CommitAsync(charges, cancellationToken);
            }
            catch (PostgresException e) when (PostgresSql.IsDuplicateReference(e) && attempt < Attempts)
            {
            }
        }
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One round trip: the batch is one implicit transaction, so the balance lock holds until the grant is written.
        // Leases that expired belong to nodes that died and no longer reserve anything; this node's own lease counts
        // even if its expiry slipped, since the node may still be charging against it.
        await using var batch = PostgresSql.Batch(connection, null, [
            .. PostgresLedgerWriter.LockBalances([LedgerAccounts.User(accountId)]),
            PostgresSql.Command("""
                WITH state AS (
                    SELECT b.balance, l.leased, LEAST(GREATEST(b.balance - l.leased, 0), @amount) AS granted
                    FROM ledger_balances b,
                         (SELECT COALESCE(SUM(amount), 0)::bigint AS leased FROM balance_leases
                          WHERE account_id = @account AND (expires_at > @now OR node_id = @node)) l
                    WHERE b.account = @ledger_account
                ), lease AS (
                    INSERT INTO balance_leases AS x (account_id, node_id, amount, expires_at)
                    SELECT @account, @node, granted, @expires FROM state
                    ON CONFLICT (account_id, node_id) DO UPDATE SET amount = x.amount + excluded.amount, expires_at = excluded.expires_at
                )
                SELECT granted, balance, leased + granted FROM state
                """,
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("ledger_account", LedgerAccounts.User(accountId)),
                PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("amount", Math.Max(amount, 0)),
                PostgresSql.Parameter("now", UnixTime.ToMillis(timeProvider.GetUtcNow())), PostgresSql.Parameter("expires", UnixTime.ToMillis(expiresAt))),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LeaseGrant(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public async Task ReleaseLeaseAsync(string accountId, string nodeId, long amount, CancellationToken cancellationToken)
    {
        // Returning money never needs the balance lock: it can only make a concurrent check more cautious.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = PostgresSql.Batch(connection, null, [
            PostgresSql.Command("UPDATE balance_leases SET amount = GREATEST(amount - @amount, 0) WHERE account_id = @account AND node_id = @node",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("amount", Math.Max(amount, 0))),
            PostgresSql.Command("DELETE FROM balance_leases WHERE account_id = @account AND node_id = @node AND amount = 0",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId)),
        ]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RenewLeasesAsync(string nodeId, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        // The rows are locked in account order, the order a charge batch shrinks them in, so the two cannot deadlock.
        PostgresSql.ExecuteAsync(dataSource, """
            UPDATE balance_leases SET expires_at = @expires
            WHERE node_id = @node AND account_id IN (
                SELECT account_id FROM balance_leases WHERE node_id = @node ORDER BY account_id COLLATE "C" FOR UPDATE)
            """, cancellationToken, PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("expires", UnixTime.ToMillis(expiresAt)));

    public Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        // SKIP LOCKED: a lease that someone is changing right now (a renewal, a charge) is left for the next sweep
        // rather than waited for; a sweep never blocks a node and never deadlocks with one.
        PostgresSql.ExecuteAsync(dataSource, """
            DELETE FROM balance_leases
            WHERE expires_at <= @now AND (account_id, node_id) IN (
                SELECT account_id, node_id FROM balance_leases WHERE expires_at <= @now FOR UPDATE SKIP LOCKED)
            """, cancellationToken, PostgresSql.Parameter("now", UnixTime.ToMillis(now)));

    public Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken) =>
        PostgresSql.ScalarInt64Async(dataSource, "SELECT balance FROM ledger_balances WHERE account = @account", cancellationToken,
            PostgresSql.Parameter("account", ledgerAccount));

    public Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken) =>
        PostgresSql.ScalarInt64Async(dataSource,
            "SELECT COALESCE(SUM(amount), 0)::bigint FROM balance_leases WHERE account_id = @account AND expires_at > @now", cancellationToken,
            PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("now", UnixTime.ToMillis(timeProvider.GetUtcNow())));

    private async Task<PostOutcome> TryPostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        var deltas = PostgresLedgerWriter.Sum(transaction.Postings);
        var customers = deltas.Keys.Where(LedgerAccounts.IsUser).ToArray();
        // What leaves each customer, net of what the same transaction pays in.
        var debits = deltas.Where(d => d.Value < 0 && LedgerAccounts.IsUser(d.Key)).ToDictionary(d => d.Key, d => -d.Value, StringComparer.Ordinal);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var sql = await connection.BeginTransactionAsync(cancellationToken);
        Dictionary<string, long> balances = new(StringComparer.Ordinal);
        Dictionary<string, long> leased = new(StringComparer.Ordinal);
        await using (var check = PostgresSql.Batch(connection, sql, [
            .. customers.Length > 0 ? PostgresLedgerWriter.LockBalances(customers) : [],
            PostgresSql.Command("SELECT EXISTS (SELECT 1 FROM ledger_transactions WHERE reference = @reference)",
                PostgresSql.Parameter("reference", transaction.Reference)),
            PostgresSql.Command("""
                SELECT 'user:' || account_id, SUM(amount)::bigint FROM balance_leases
                WHERE account_id = ANY(@accounts) AND expires_at > @now GROUP BY account_id
                """,
                PostgresLedgerWriter.TextArray("accounts", [.. debits.Keys.Select(a => a["user:".Length..])]),
                PostgresSql.Parameter("now", UnixTime.ToMillis(timeProvider.GetUtcNow()))),
        ]))
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            if (customers.Length > 0)
            {
                balances = await PostgresLedgerWriter.ReadBalancesAsync(reader, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
            }

            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(0))
            {
                return PostOutcome.Duplicate;
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                leased[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        if (debits.Any(d => balances.GetValueOrDefault(d.Key) - leased.GetValueOrDefault(d.Key) < d.Value))
        {
            return PostOutcome.InsufficientFunds;
        }

        await using (var write = PostgresSql.Batch(connection, sql, [
            PostgresLedgerWriter.InsertTransaction(transaction),
            .. PostgresLedgerWriter.AddToBalances(deltas),
        ]))
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await sql.CommitAsync(cancellationToken);
        return PostOutcome.Posted;
    }
}
