using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>
/// One group commit of charges, in three round trips whatever the batch size: lock the customers' balances and read
/// their live leases and the charges already recorded; write everything; commit. Each charge is one row, which is also its journal entry (see
/// migration 0005), and all of a batch's rows go in with one statement over arrays, parsed and planned once; balances,
/// leases and key spend are summed over the batch and written once per account.
/// </summary>
internal sealed class PostgresChargeBatch(NpgsqlConnection connection, DateTimeOffset now) : IChargeRows
{
    private readonly List<PendingCharge> _accepted = [];
    private HashSet<string> _recorded = [];

    public async Task<IReadOnlyList<PostOutcome>> CommitAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        (var balances, var leases, _recorded) = await LockAsync(transaction, charges, cancellationToken);
        var batch = new ChargeBatch(new ChargeFunds(
            account => balances.GetValueOrDefault(LedgerAccounts.User(account)),
            account => leases.Where(l => l.Key.Account == account).Sum(l => l.Value),
            lease => leases.GetValueOrDefault(lease)));
        var outcomes = batch.Commit(charges, this, cancellationToken);
        if (_accepted.Count > 0 || batch.TakenFromLeases.Count > 0)
        {
            await using var write = PostgresSql.Batch(connection, transaction, [
                .. _accepted.Count > 0 ? Writes(_accepted, batch) : [],
                .. ShrinkLeases(batch.TakenFromLeases),
            ]);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>Takes the charge's reference, unless it was found under the lock or taken earlier in the batch; its row
    /// goes in with the batch's others, in one statement, once they are all known.</summary>
    public bool TryRecord(PendingCharge pending)
    {
        if (!_recorded.Add(pending.Charge.RequestId))
        {
            return false;
        }

        _accepted.Add(pending);
        return true;
    }

    public bool IsRecorded(string requestId) => _recorded.Contains(requestId);

    /// <summary>Locks every paying customer's balance and reads it, then reads their live leases and which charges
    /// exist; in that order, so that a batch that waited for another sees the charges and leases that one wrote.</summary>
    private async Task<(Dictionary<string, long> Balances, Dictionary<(string Account, string Node, long Lease), long> Leases, HashSet<string> Recorded)> LockAsync(
        NpgsqlTransaction transaction, IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        var requests = charges.Select(c => c.Charge.RequestId).Distinct(StringComparer.Ordinal).ToArray();
        var accounts = charges.Select(c => c.Charge.AccountId).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = PostgresSql.Batch(connection, transaction, [
            .. PostgresLedgerWriter.LockBalances(accounts.Select(LedgerAccounts.User)),
            PostgresSql.Command("SELECT account_id, node_id, lease_id, amount FROM balance_leases WHERE account_id = ANY(@accounts) AND expires_at > @now",
                PostgresLedgerWriter.TextArray("accounts", accounts), PostgresSql.Parameter("now", UnixTime.ToMillis(now))),
            PostgresSql.Command("SELECT request_id FROM charges WHERE request_id = ANY(@requests)", PostgresLedgerWriter.TextArray("requests", requests)),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var balances = await PostgresLedgerWriter.ReadBalancesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var leases = new Dictionary<(string Account, string Node, long Lease), long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            leases[(reader.GetString(0), reader.GetString(1), reader.GetInt64(2))] = reader.GetInt64(3);
        }

        await reader.NextResultAsync(cancellationToken);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetString(0));
        }

        return (balances, leases, recorded);
    }

    /// <summary>One statement per lease, in account order: the order renewals lock them in (see RenewLeasesAsync).</summary>
    private static IEnumerable<NpgsqlBatchCommand> ShrinkLeases(IReadOnlyDictionary<(string Account, string Node, long Lease), long> taken) =>
        taken.OrderBy(l => l.Key.Account, StringComparer.Ordinal).ThenBy(l => l.Key.Node, StringComparer.Ordinal)
            .Select(l => PostgresLedgerWriter.ShrinkLease(l.Key.Account, l.Key.Node, l.Key.Lease, l.Value));

    private static IEnumerable<NpgsqlBatchCommand> Writes(List<PendingCharge> accepted, ChargeBatch batch)
    {
        yield return PostgresChargeRows.Insert(accepted);
        foreach (var command in PostgresLedgerWriter.AddToBalances(batch.BalanceMovements()))
        {
            yield return command;
        }

        if (batch.KeySpend.Count > 0)
        {
            var rows = batch.KeySpend.OrderBy(s => s.Key.KeyId, StringComparer.Ordinal).ThenBy(s => s.Key.Day).ToArray();
            yield return PostgresSql.Command("""
                INSERT INTO key_spend AS s (key_id, day, amount, requests)
                SELECT * FROM unnest(@keys, @days, @amounts, @requests)
                ON CONFLICT (key_id, day) DO UPDATE SET amount = s.amount + excluded.amount, requests = s.requests + excluded.requests
                """,
                PostgresLedgerWriter.TextArray("keys", [.. rows.Select(r => r.Key.KeyId)]),
                PostgresSql.Parameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date, rows.Select(r => r.Key.Day).ToArray()),
                PostgresSql.Parameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Value.Amount).ToArray()),
                PostgresSql.Parameter("requests", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Value.Requests).ToArray()));
        }
    }
}
