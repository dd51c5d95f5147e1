using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Money.Ledger;

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
                return await new PostgresChargeBatch(connection, timeProvider.GetUtcNow()).CommitAsync(charges, cancellationToken);
            }
            catch (PostgresException e) when (PostgresSql.IsDuplicateReference(e) && attempt < Attempts)
            {
            }
        }
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(
        string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The locks taken while reading hold until the grant is written and committed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (balance, own, others) = await ReadLeaseStateAsync(connection, transaction, accountId, nodeId, cancellationToken);
        var grant = LeaseGrant.Decide(balance, others, own, leaseId, amount);
        await using (var write = PostgresSql.Batch(connection, transaction, [
            PostgresSql.Command("""
                INSERT INTO balance_leases (account_id, node_id, lease_id, amount, expires_at) VALUES (@account, @node, @lease, @amount, @expires)
                ON CONFLICT (account_id, node_id) DO UPDATE SET lease_id = excluded.lease_id, amount = excluded.amount, expires_at = excluded.expires_at
                """,
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("lease", grant.LeaseId),
                PostgresSql.Parameter("amount", grant.NodeLeased), PostgresSql.Parameter("expires", UnixTime.ToMillis(expiresAt))),
        ]))
        {
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return grant;
    }

    public async Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken)
    {
        // Returning money never needs the balance lock: it can only make a concurrent check more cautious.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = PostgresSql.Batch(connection, null, [
            PostgresLedgerWriter.ShrinkLease(accountId, nodeId, leaseId, amount),
            PostgresSql.Command("DELETE FROM balance_leases WHERE account_id = @account AND node_id = @node AND lease_id = @lease AND amount = 0",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("lease", leaseId)),
        ]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return [];
        }

        // Only a lease still live is renewed: one that expired may be leased to another node already. The rows are
        // locked in account order, the order a charge batch shrinks them in, so the two cannot deadlock.
        await using var command = dataSource.CreateCommand("""
            UPDATE balance_leases AS l SET expires_at = @expires
            FROM unnest(@accounts, @leases) AS h(account_id, lease_id)
            WHERE l.node_id = @node AND l.account_id = h.account_id AND l.lease_id = h.lease_id AND l.expires_at > @now
              AND l.account_id IN (
                SELECT account_id FROM balance_leases WHERE node_id = @node AND account_id = ANY(@accounts) AND expires_at > @now
                ORDER BY account_id COLLATE "C" FOR UPDATE)
            RETURNING l.account_id, l.lease_id
            """);
        command.Parameters.AddRange(new[]
        {
            PostgresSql.Parameter("node", nodeId),
            PostgresLedgerWriter.TextArray("accounts", [.. leases.Select(l => l.AccountId)]),
            PostgresSql.Parameter("leases", NpgsqlDbType.Array | NpgsqlDbType.Bigint, leases.Select(l => l.LeaseId).ToArray()),
            PostgresSql.Parameter("expires", UnixTime.ToMillis(expiresAt)),
            PostgresSql.Parameter("now", UnixTime.ToMillis(timeProvider.GetUtcNow())),
        });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var renewed = new List<NodeLease>(leases.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            renewed.Add(new NodeLease(reader.GetString(0), reader.GetInt64(1)));
        }

        return renewed;
    }

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

    /// <summary>
    /// What a lease grant is decided on, in one round trip. Under the balance lock, expired leases are deleted first
    /// (they are dead, this node's own included: another node may have leased that money), waiting for a renewal in
    /// progress rather than skipping it, so a lease is either renewed and counted here or gone and known lost to its
    /// node. Then the node's own lease is locked, so that no sweep or release changes it before the grant is written.
    /// </summary>
    private async Task<(long Balance, (long LeaseId, long Amount)? Own, long Others)> ReadLeaseStateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string accountId, string nodeId, CancellationToken cancellationToken)
    {
        var ledgerAccount = LedgerAccounts.User(accountId);
        await using var batch = PostgresSql.Batch(connection, transaction, [
            .. PostgresLedgerWriter.LockBalances([ledgerAccount]),
            PostgresSql.Command("DELETE FROM balance_leases WHERE account_id = @account AND expires_at <= @now",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("now", UnixTime.ToMillis(timeProvider.GetUtcNow()))),
            PostgresSql.Command("SELECT lease_id, amount FROM balance_leases WHERE account_id = @account AND node_id = @node FOR UPDATE",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId)),
            PostgresSql.Command("SELECT COALESCE(SUM(amount), 0)::bigint FROM balance_leases WHERE account_id = @account AND node_id <> @node",
                PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId)),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var balance = (await PostgresLedgerWriter.ReadBalancesAsync(reader, cancellationToken)).GetValueOrDefault(ledgerAccount);
        await reader.NextResultAsync(cancellationToken);
        (long LeaseId, long Amount)? own = await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (balance, own, reader.GetInt64(0));
    }

    private async Task<PostOutcome> TryPostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        var deltas = transaction.NetMovements();
        var customers = deltas.Keys.Where(LedgerAccounts.IsUser).ToArray();
        var debits = transaction.CustomerDebits();

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
                PostgresLedgerWriter.TextArray("accounts", [.. debits.Keys.Select(LedgerAccounts.AccountOf)]),
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

        if (!transaction.IsCoveredBy(debits.Keys.ToDictionary(a => a, a => balances.GetValueOrDefault(a) - leased.GetValueOrDefault(a), StringComparer.Ordinal)))
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
