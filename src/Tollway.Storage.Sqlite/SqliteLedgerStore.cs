using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// The journal and leases in SQLite. Every change runs in an immediate transaction, so the database's single writer
/// lock serialises them: a check of the free balance and the change that depends on it can never interleave with
/// another's. Within the process they take turns (<see cref="SqliteDatabase.BeginWriteAsync"/>) rather than poll the lock.
/// </summary>
internal sealed class SqliteLedgerStore(SqliteDatabase database, TimeProvider timeProvider) : ILedgerStore
{
    public async Task<PostOutcome> PostAsync(LedgerTransaction transaction, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, sql) = (write.Connection, write.Transaction);
        if (await SqliteLedgerWriter.InsertTransactionAsync(connection, sql, transaction, cancellationToken) is not { } sequence)
        {
            return PostOutcome.Duplicate;
        }

        foreach (var posting in transaction.Postings.Where(p => p.Amount < 0 && LedgerAccounts.IsUser(p.Account)))
        {
            var accountId = posting.Account["user:".Length..];
            if (await SqliteLedgerWriter.FreeBalanceAsync(connection, sql, accountId, timeProvider.GetUtcNow(), cancellationToken) < -posting.Amount)
            {
                await sql.RollbackAsync(cancellationToken);
                return PostOutcome.InsufficientFunds;
            }
        }

        await SqliteLedgerWriter.InsertPostingsAsync(connection, sql, sequence, transaction.Postings, cancellationToken);
        SqliteLedgerWriter.AddToBalances(write, Sum(transaction.Postings));
        await sql.CommitAsync(cancellationToken);
        return PostOutcome.Posted;
    }

    public async Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var outcomes = new SqliteChargeBatch(write).Commit(charges, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return outcomes;
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(string accountId, string nodeId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, sql) = (write.Connection, write.Transaction);
        var balance = await SqliteLedgerWriter.BalanceAsync(connection, sql, LedgerAccounts.User(accountId), cancellationToken);
        // Leases that expired belong to nodes that died; they no longer reserve anything. This node's own lease
        // counts even if its expiry slipped, since the node may still be charging against it.
        var leased = await SqliteCommands.ScalarInt64Async(connection, sql, """
            SELECT COALESCE(SUM(amount), 0) FROM balance_leases
            WHERE account_id = $account AND (expires_at > $now OR node_id = $node)
            """, cancellationToken, ("$account", accountId), ("$now", UnixTime.ToMillis(timeProvider.GetUtcNow())), ("$node", nodeId));
        var granted = Math.Clamp(balance - leased, 0, Math.Max(amount, 0));
        await SqliteCommands.ExecuteAsync(connection, sql, """
            INSERT INTO balance_leases (account_id, node_id, amount, expires_at) VALUES ($account, $node, $granted, $expires)
            ON CONFLICT (account_id, node_id) DO UPDATE SET amount = amount + excluded.amount, expires_at = excluded.expires_at
            """, cancellationToken, ("$account", accountId), ("$node", nodeId), ("$granted", granted), ("$expires", UnixTime.ToMillis(expiresAt)));
        await sql.CommitAsync(cancellationToken);
        return new LeaseGrant(granted, balance, leased + granted);
    }

    public async Task ReleaseLeaseAsync(string accountId, string nodeId, long amount, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, sql) = (write.Connection, write.Transaction);
        SqliteLedgerWriter.ShrinkLease(write, accountId, nodeId, amount);
        await SqliteCommands.ExecuteAsync(connection, sql,
            "DELETE FROM balance_leases WHERE account_id = $account AND node_id = $node AND amount = 0",
            cancellationToken, ("$account", accountId), ("$node", nodeId));
        await sql.CommitAsync(cancellationToken);
    }

    public async Task RenewLeasesAsync(string nodeId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await SqliteCommands.ExecuteAsync(write.Connection, write.Transaction, "UPDATE balance_leases SET expires_at = $expires WHERE node_id = $node",
            cancellationToken, ("$node", nodeId), ("$expires", UnixTime.ToMillis(expiresAt)));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var deleted = await SqliteCommands.ExecuteAsync(write.Connection, write.Transaction, "DELETE FROM balance_leases WHERE expires_at <= $now",
            cancellationToken, ("$now", UnixTime.ToMillis(now)));
        await write.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<long> GetBalanceAsync(string ledgerAccount, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SqliteLedgerWriter.BalanceAsync(connection, null, ledgerAccount, cancellationToken);
    }

    public async Task<long> GetLeasedAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await SqliteCommands.ScalarInt64Async(connection, null,
            "SELECT COALESCE(SUM(amount), 0) FROM balance_leases WHERE account_id = $account AND expires_at > $now",
            cancellationToken, ("$account", accountId), ("$now", UnixTime.ToMillis(timeProvider.GetUtcNow())));
    }

    private static Dictionary<string, long> Sum(IEnumerable<Posting> postings)
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var posting in postings)
        {
            sums[posting.Account] = sums.GetValueOrDefault(posting.Account) + posting.Amount;
        }

        return sums;
    }
}
