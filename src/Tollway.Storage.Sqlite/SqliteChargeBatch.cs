using System.Globalization;
using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One group commit of charges inside an open transaction. Per charge it writes one row, the charge, which is also its
/// journal entry (see migration 0005); the balances, key spend and leases it moves are summed over the batch and
/// written once per account, so a batch of a thousand charges for one account updates that account's balance once.
/// </summary>
/// <remarks>
/// Every statement is a <see cref="SqlitePreparedStatement"/> kept on the native connection
/// (<see cref="SqliteWrite.Statement"/>) rather than a command: with a command per row the driver's naming, binding
/// and statement preparation cost more than SQLite's own work, and with a command per batch a lone request's commit
/// spent most of its time parsing the batch's eight statements. This class is what the single charge writer spends its
/// time in (measured by bench/Tollway.Benchmarks, SqliteChargeCommit).
/// </remarks>
internal sealed class SqliteChargeBatch(SqliteWrite write, DateTimeOffset now)
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

    private readonly Dictionary<string, long> _taken = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Key, string Day), (long Amount, long Requests)> _spend = [];
    private DateOnly _lastDay;
    private string _lastDayText = "";

    /// <summary>Writes the charges in the write's transaction; each one's outcome, in order.</summary>
    public PostOutcome[] Commit(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        var outcomes = new PostOutcome[charges.Count];
        // The batch holds the write lock, so no one else takes a sequence until it commits.
        var sequence = SqliteLedgerWriter.LastSequence(write);
        long providerCost = 0, markup = 0;
        var insertCharge = write.Statement(InsertChargeSql);
        var funds = new ChargeFunds(
            account => SqliteLedgerWriter.Balance(write, LedgerAccounts.User(account)),
            account => Scalar(LiveLeasedSql, account),
            lease => Scalar(LiveLeaseSql, lease.Account, lease.Node, lease.Lease));
        for (var i = 0; i < charges.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var pending = charges[i];
            var charge = pending.Charge;
            if (!funds.CanPay(pending, out var covered))
            {
                if (IsRecorded(charge.RequestId))
                {
                    outcomes[i] = PostOutcome.Duplicate;
                }
                else
                {
                    funds.Refuse(pending, covered);
                    outcomes[i] = PostOutcome.InsufficientFunds;
                }

                continue;
            }

            var day = Day(charge.CreatedAt);
            if (InsertCharge(insertCharge, charge, sequence + 1, day) == 0)
            {
                outcomes[i] = PostOutcome.Duplicate;
                continue;
            }

            sequence++;
            funds.Pay(pending, covered);
            _taken[charge.AccountId] = _taken.GetValueOrDefault(charge.AccountId) + charge.Total;
            providerCost += charge.ProviderCost;
            markup += charge.Markup;
            TallySpend(charge, day);
            outcomes[i] = PostOutcome.Posted;
        }

        // The legs the charge rows imply (ChargeRecord.PostingsOf), summed per ledger account.
        var balances = _taken.Where(t => t.Value != 0).ToDictionary(t => LedgerAccounts.User(t.Key), t => -t.Value, StringComparer.Ordinal);
        AddIfMoved(balances, LedgerAccounts.ProviderCost, providerCost);
        AddIfMoved(balances, LedgerAccounts.MarkupRevenue, markup);
        SqliteLedgerWriter.AddToBalances(write, balances);
        foreach (var ((account, node, leaseId), amount) in funds.TakenFromLeases)
        {
            SqliteLedgerWriter.ShrinkLease(write, account, node, leaseId, amount);
        }

        AddSpend();
        return outcomes;
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

    private bool IsRecorded(string requestId)
    {
        var count = write.Statement(IsRecordedSql);
        count.Bind(1, requestId);
        return count.ScalarInt64() > 0;
    }

    private static void AddIfMoved(Dictionary<string, long> balances, string ledgerAccount, long amount)
    {
        if (amount != 0)
        {
            balances[ledgerAccount] = amount;
        }
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

    /// <summary>Adds a posted charge to its key's spend, written once per batch.</summary>
    private void TallySpend(ChargeRecord charge, string day)
    {
        if (charge.KeyId is { } keyId)
        {
            var (amount, requests) = _spend.GetValueOrDefault((keyId, day));
            _spend[(keyId, day)] = (amount + charge.Total, requests + 1);
        }
    }

    private void AddSpend()
    {
        foreach (var ((key, day), (amount, requests)) in _spend)
        {
            var add = write.Statement(AddSpendSql);
            add.Bind(1, key);
            add.Bind(2, day);
            add.Bind(3, amount);
            add.Bind(4, requests);
            add.Execute();
        }
    }

    /// <summary>The UTC day of a charge as stored; a batch's charges mostly share one, so its text is made once.</summary>
    private string Day(DateTimeOffset time)
    {
        var day = DateOnly.FromDateTime(time.UtcDateTime);
        if (day != _lastDay || _lastDayText.Length == 0)
        {
            _lastDay = day;
            _lastDayText = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        return _lastDayText;
    }
}
