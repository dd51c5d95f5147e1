using System.Globalization;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One group commit of charges inside an open transaction, by the ledger's rules (<see cref="ChargeBatch"/>). Per charge
/// it writes one row, the charge, which is also its journal entry (see migration 0005); the balances, key spend and
/// leases it moves are summed over the batch and written once per account, so a batch of a thousand charges for one
/// account updates that account's balance once.
/// </summary>
/// <remarks>
/// Every statement is a <see cref="SqlitePreparedStatement"/> kept on the native connection
/// (<see cref="SqliteWrite.Statement"/>) rather than a command: with a command per row the driver's naming, binding
/// and statement preparation cost more than SQLite's own work, and with a command per batch a lone request's commit
/// spent most of its time parsing the batch's eight statements. This class is what the single charge writer spends its
/// time in (measured by bench/Tollway.Benchmarks, SqliteChargeCommit).
/// </remarks>
internal sealed class SqliteChargeBatch(SqliteWrite write, DateTimeOffset now) : IChargeRows
{
    private const string InsertChargeSql = """
        INSERT INTO charges (sequence, request_id, account_id, key_id, model, provider, upstream_model, prompt_tokens, completion_tokens,
            cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
        ON CONFLICT (request_id) DO NOTHING
        """;

    private const string AddSpendSql = """
        INSERT INTO key_spend (key_id, day, amount, requests) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (key_id, day) DO UPDATE SET amount = amount + excluded.amount, requests = requests + excluded.requests
        """;

    private const string IsRecordedSql = "SELECT COUNT(*) FROM charges WHERE request_id = ?1";

    private const string LiveLeaseSql = "SELECT amount FROM balance_leases WHERE account_id = ?1 AND expires_at > ?2 AND node_id = ?3 AND lease_id = ?4";

    private const string LiveLeasedSql = "SELECT COALESCE(SUM(amount), 0) FROM balance_leases WHERE account_id = ?1 AND expires_at > ?2";

    private SqlitePreparedStatement? _insertCharge;
    private long _sequence;
    private DateOnly _lastDay;
    private string _lastDayText = "";

    /// <summary>Writes the charges in the write's transaction; each one's outcome, in order.</summary>
    public PostOutcome[] Commit(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        // The batch holds the write lock, so no one else takes a sequence until it commits.
        _sequence = SqliteLedgerWriter.LastSequence(write);
        _insertCharge = write.Statement(InsertChargeSql);
        var batch = new ChargeBatch(new ChargeFunds(
            account => SqliteLedgerWriter.Balance(write, LedgerAccounts.User(account)),
            account => Scalar(LiveLeasedSql, account),
            lease => Scalar(LiveLeaseSql, lease.Account, lease.Node, lease.Lease)));
        var outcomes = batch.Commit(charges, this, cancellationToken);
        SqliteLedgerWriter.AddToBalances(write, batch.BalanceMovements());
        foreach (var ((account, node, leaseId), amount) in batch.TakenFromLeases)
        {
            SqliteLedgerWriter.ShrinkLease(write, account, node, leaseId, amount);
        }

        AddSpend(batch.KeySpend);
        return outcomes;
    }

    /// <summary>Inserts the charge's row under the next journal sequence, which it takes only when the row went in.</summary>
    public bool TryRecord(PendingCharge pending)
    {
        if (InsertCharge(_insertCharge!, pending.Charge, _sequence + 1, Day(ChargeBatch.DayOf(pending.Charge))) == 0)
        {
            return false;
        }

        _sequence++;
        return true;
    }

    public bool IsRecorded(string requestId)
    {
        var count = write.Statement(IsRecordedSql);
        count.Bind(1, requestId);
        return count.ScalarInt64() > 0;
    }

    private static int InsertCharge(SqlitePreparedStatement statement, ChargeRecord charge, long sequence, string day)
    {
        statement.Bind(1, sequence);
        statement.Bind(2, charge.RequestId);
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
        return statement.Execute();
    }

    /// <summary>Runs a query for one number about an account (and a lease of it), as the store sees it now.</summary>
    private long Scalar(string sql, string accountId, string? nodeId = null, long leaseId = 0)
    {
        var query = write.Statement(sql);
        query.Bind(1, accountId);
        query.Bind(2, UnixTime.ToMillis(now));
        if (nodeId is not null)
        {
            query.Bind(3, nodeId);
            query.Bind(4, leaseId);
        }

        return query.ScalarInt64();
    }

    private void AddSpend(IReadOnlyDictionary<(string KeyId, DateOnly Day), (long Amount, long Requests)> spend)
    {
        foreach (var ((key, day), (amount, requests)) in spend)
        {
            var add = write.Statement(AddSpendSql);
            add.Bind(1, key);
            add.Bind(2, Day(day));
            add.Bind(3, amount);
            add.Bind(4, requests);
            add.Execute();
        }
    }

    /// <summary>A UTC day as stored; a batch's charges mostly share one, so its text is made once.</summary>
    private string Day(DateOnly day)
    {
        if (day != _lastDay || _lastDayText.Length == 0)
        {
            _lastDay = day;
            _lastDayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return _lastDayText;
    }
}
