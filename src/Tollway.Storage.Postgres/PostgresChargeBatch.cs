using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>
/// One group commit of charges, in three round trips whatever the batch size: lock the customers' balances and find
/// the charges already recorded; write everything; commit. Each charge is one row, which is also its journal entry (see
/// migration 0005), and all of a batch's rows go in with one statement over arrays, parsed and planned once; balances,
/// leases and key spend are summed over the batch and written once per account.
/// </summary>
internal sealed class PostgresChargeBatch(NpgsqlConnection connection)
{
    public async Task<IReadOnlyList<PostOutcome>> CommitAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (balances, recorded) = await LockAsync(transaction, charges, cancellationToken);

        var outcomes = new PostOutcome[charges.Count];
        var accepted = new List<PendingCharge>(charges.Count);
        for (var i = 0; i < charges.Count; i++)
        {
            var charge = charges[i].Charge;
            if (recorded.Contains(charge.RequestId))
            {
                outcomes[i] = PostOutcome.Duplicate;
                continue;
            }

            // Charges never exceed the holds they settle, and holds never exceed leased balance; this check only
            // bites when a node outlived its lease (a pause longer than the lease), and then the charge is refused
            // rather than taking the customer below zero. The rest of the batch goes on.
            var user = LedgerAccounts.User(charge.AccountId);
            var left = balances.GetValueOrDefault(user);
            if (charge.Total > left)
            {
                outcomes[i] = PostOutcome.InsufficientFunds;
                continue;
            }

            balances[user] = left - charge.Total;
            recorded.Add(charge.RequestId);
            accepted.Add(charges[i]);
            outcomes[i] = PostOutcome.Posted;
        }

        if (accepted.Count > 0)
        {
            await using var write = PostgresSql.Batch(connection, transaction, Writes(accepted));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcomes;
    }

    /// <summary>Locks every paying customer's balance and reads it, then reads which charges exist; in that order,
    /// so that a batch that waited for another sees the charges that one recorded.</summary>
    private async Task<(Dictionary<string, long> Balances, HashSet<string> Recorded)> LockAsync(
        NpgsqlTransaction transaction, IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        var requests = charges.Select(c => c.Charge.RequestId).Distinct(StringComparer.Ordinal).ToArray();
        await using var batch = PostgresSql.Batch(connection, transaction, [
            .. PostgresLedgerWriter.LockBalances(charges.Select(c => LedgerAccounts.User(c.Charge.AccountId))),
            PostgresSql.Command("SELECT request_id FROM charges WHERE request_id = ANY(@requests)", PostgresLedgerWriter.TextArray("requests", requests)),
        ]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var balances = await PostgresLedgerWriter.ReadBalancesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        var recorded = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            recorded.Add(reader.GetString(0));
        }

        return (balances, recorded);
    }

    private static IEnumerable<NpgsqlBatchCommand> Writes(List<PendingCharge> accepted)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        var leases = new Dictionary<(string Account, string Node), long>();
        var spend = new Dictionary<(string Key, DateOnly Day), (long Amount, long Requests)>();
        long providerCost = 0, markup = 0;
        foreach (var pending in accepted)
        {
            // The legs the charge row implies (ChargeRecord.PostingsOf), summed per ledger account.
            var charge = pending.Charge;
            var user = LedgerAccounts.User(charge.AccountId);
            balances[user] = balances.GetValueOrDefault(user) - charge.Total;
            providerCost += charge.ProviderCost;
            markup += charge.Markup;
            leases[(charge.AccountId, pending.NodeId)] = leases.GetValueOrDefault((charge.AccountId, pending.NodeId)) + charge.Total;
            if (charge.KeyId is { } keyId)
            {
                var day = UnixTime.Day(charge.CreatedAt);
                var (amount, requests) = spend.GetValueOrDefault((keyId, day));
                spend[(keyId, day)] = (amount + charge.Total, requests + 1);
            }
        }

        foreach (var (account, amount) in new[] { (LedgerAccounts.ProviderCost, providerCost), (LedgerAccounts.MarkupRevenue, markup) })
        {
            if (amount != 0)
            {
                balances[account] = amount;
            }
        }

        yield return PostgresChargeRows.Insert(accepted);
        foreach (var command in PostgresLedgerWriter.AddToBalances(balances))
        {
            yield return command;
        }

        // One statement per lease, in account order: the order renewals lock them in (see RenewLeasesAsync).
        foreach (var ((account, node), amount) in leases.OrderBy(l => l.Key.Account, StringComparer.Ordinal).ThenBy(l => l.Key.Node, StringComparer.Ordinal))
        {
            yield return PostgresSql.Command(
                "UPDATE balance_leases SET amount = GREATEST(amount - @amount, 0) WHERE account_id = @account AND node_id = @node",
                PostgresSql.Parameter("account", account), PostgresSql.Parameter("node", node), PostgresSql.Parameter("amount", amount));
        }

        if (spend.Count > 0)
        {
            var rows = spend.OrderBy(s => s.Key.Key, StringComparer.Ordinal).ThenBy(s => s.Key.Day).ToArray();
            yield return PostgresSql.Command("""
                INSERT INTO key_spend AS s (key_id, day, amount, requests)
                SELECT * FROM unnest(@keys, @days, @amounts, @requests)
                ON CONFLICT (key_id, day) DO UPDATE SET amount = s.amount + excluded.amount, requests = s.requests + excluded.requests
                """,
                PostgresLedgerWriter.TextArray("keys", [.. rows.Select(r => r.Key.Key)]),
                PostgresSql.Parameter("days", NpgsqlDbType.Array | NpgsqlDbType.Date, rows.Select(r => r.Key.Day).ToArray()),
                PostgresSql.Parameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Value.Amount).ToArray()),
                PostgresSql.Parameter("requests", NpgsqlDbType.Array | NpgsqlDbType.Bigint, rows.Select(r => r.Value.Requests).ToArray()));
        }
    }
}
