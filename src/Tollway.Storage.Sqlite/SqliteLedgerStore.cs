using Microsoft.Data.Sqlite;
using Tollway.Gateway.Money.Ledger;

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

        var free = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var account in transaction.CustomerDebits().Keys)
        {
            free[account] = await SqliteLedgerWriter.FreeBalanceAsync(connection, sql, LedgerAccounts.AccountOf(account), timeProvider.GetUtcNow(), cancellationToken);
        }

        if (!transaction.IsCoveredBy(free))
        {
            await sql.RollbackAsync(cancellationToken);
            return PostOutcome.InsufficientFunds;
        }

        await SqliteLedgerWriter.InsertPostingsAsync(connection, sql, sequence, transaction.Postings, cancellationToken);
        SqliteLedgerWriter.AddToBalances(write, transaction.NetMovements());
        await sql.CommitAsync(cancellationToken);
        return PostOutcome.Posted;
    }

    public async Task<IReadOnlyList<PostOutcome>> CommitChargesAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var outcomes = new SqliteChargeBatch(write, timeProvider.GetUtcNow()).Commit(charges, cancellationToken);
        await write.CommitAsync(cancellationToken);
        return outcomes;
    }

    public async Task<LeaseGrant> AcquireLeaseAsync(
        string accountId, string nodeId, long leaseId, long amount, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, sql) = (write.Connection, write.Transaction);
        var balance = await SqliteLedgerWriter.BalanceAsync(connection, sql, LedgerAccounts.User(accountId), cancellationToken);
        // Expired leases are dead, this node's own included: the node may have been paused past its expiry while others
        // leased that money. Deleting them here means nothing below can count or grow one.
        await SqliteCommands.ExecuteAsync(connection, sql, "DELETE FROM balance_leases WHERE account_id = $account AND expires_at <= $now",
            cancellationToken, ("$account", accountId), ("$now", UnixTime.ToMillis(timeProvider.GetUtcNow())));
        var own = await OwnLeaseAsync(connection, sql, accountId, nodeId, cancellationToken);
        var others = await SqliteCommands.ScalarInt64Async(connection, sql,
            "SELECT COALESCE(SUM(amount), 0) FROM balance_leases WHERE account_id = $account AND node_id <> $node",
            cancellationToken, ("$account", accountId), ("$node", nodeId));
        var grant = LeaseGrant.Decide(balance, others, own, leaseId, amount);
        await SqliteCommands.ExecuteAsync(connection, sql, """
            INSERT INTO balance_leases (account_id, node_id, lease_id, amount, expires_at) VALUES ($account, $node, $id, $amount, $expires)
            ON CONFLICT (account_id, node_id) DO UPDATE SET lease_id = excluded.lease_id, amount = excluded.amount, expires_at = excluded.expires_at
            """, cancellationToken,
            ("$account", accountId), ("$node", nodeId), ("$id", grant.LeaseId), ("$amount", grant.NodeLeased), ("$expires", UnixTime.ToMillis(expiresAt)));
        await sql.CommitAsync(cancellationToken);
        return grant;
    }

    public async Task ReleaseLeaseAsync(string accountId, string nodeId, long leaseId, long amount, CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var (connection, sql) = (write.Connection, write.Transaction);
        SqliteLedgerWriter.ShrinkLease(write, accountId, nodeId, leaseId, amount);
        await SqliteCommands.ExecuteAsync(connection, sql,
            "DELETE FROM balance_leases WHERE account_id = $account AND node_id = $node AND lease_id = $id AND amount = 0",
            cancellationToken, ("$account", accountId), ("$node", nodeId), ("$id", leaseId));
        await sql.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<NodeLease>> RenewLeasesAsync(
        string nodeId, IReadOnlyCollection<NodeLease> leases, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return [];
        }

        await using var write = await database.BeginWriteAsync(cancellationToken);
        // Only a lease still live is renewed: one that expired may be leased to another node already.
        var renew = write.Statement("""
            UPDATE balance_leases SET expires_at = ?4 WHERE account_id = ?1 AND node_id = ?2 AND lease_id = ?3 AND expires_at > ?5
            """);
        var now = UnixTime.ToMillis(timeProvider.GetUtcNow());
        var renewed = new List<NodeLease>(leases.Count);
        foreach (var lease in leases)
        {
            renew.Bind(1, lease.AccountId);
            renew.Bind(2, nodeId);
            renew.Bind(3, lease.LeaseId);
            renew.Bind(4, UnixTime.ToMillis(expiresAt));
            renew.Bind(5, now);
            if (renew.Execute() == 1)
            {
                renewed.Add(lease);
            }
        }

        await write.CommitAsync(cancellationToken);
        return renewed;
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

    /// <summary>The node's lease on the account: its id and amount, or <see langword="null"/> when it has none.</summary>
    private static async Task<(long LeaseId, long Amount)?> OwnLeaseAsync(
        SqliteConnection connection, SqliteTransaction transaction, string accountId, string nodeId, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(connection, transaction,
            "SELECT lease_id, amount FROM balance_leases WHERE account_id = $account AND node_id = $node", ("$account", accountId), ("$node", nodeId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : null;
    }
}
