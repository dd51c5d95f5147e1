using Microsoft.Data.Sqlite;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>The SQL shared by single postings and charge batches: journal sequences, recording a transaction and moving cached balances.</summary>
internal static class SqliteLedgerWriter
{
    private const string LastSequenceOf = """
        MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'ledger_transactions'), 0), COALESCE((SELECT MAX(sequence) FROM charges), 0))
        """;

    private const string SelectBalance = "SELECT balance FROM ledger_balances WHERE account = $account";

    // SQLite checks an upsert's VALUES row against the table's CHECK before it sees the conflict, so a customer's
    // negative delta is applied with an UPDATE (the row exists: the money came from somewhere); everything else upserts.
    private const string UpsertBalance = """
        INSERT INTO ledger_balances (account, balance) VALUES (?1, ?2)
        ON CONFLICT (account) DO UPDATE SET balance = balance + excluded.balance
        """;

    private const string UpdateBalance = "UPDATE ledger_balances SET balance = balance + ?2 WHERE account = ?1";

    private const string ShrinkLeaseSql = "UPDATE balance_leases SET amount = MAX(amount - ?3, 0) WHERE account_id = ?1 AND node_id = ?2 AND lease_id = ?4";

    /// <summary>
    /// The journal's last sequence: transactions and charges share one order (see migration 0005). AUTOINCREMENT's
    /// counter remembers the highest transaction sequence ever used, so none is handed out twice; charges are never
    /// deleted, so their highest is their last. Read inside the write transaction that then uses the next ones.
    /// </summary>
    public static long LastSequence(SqliteWrite write) => write.Statement($"SELECT {LastSequenceOf}").ScalarInt64();

    /// <summary>Inserts the transaction row; its sequence, or <see langword="null"/> when the reference exists already.</summary>
    public static async Task<long?> InsertTransactionAsync(SqliteConnection connection, SqliteTransaction transaction, LedgerTransaction ledger, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(connection, transaction, $"""
            INSERT INTO ledger_transactions (sequence, reference, kind, created_at, memo) VALUES (({LastSequenceOf}) + 1, $reference, $kind, $created, $memo)
            ON CONFLICT (reference) DO NOTHING
            RETURNING sequence
            """,
            ("$reference", ledger.Reference), ("$kind", (int)ledger.Kind), ("$created", UnixTime.ToMillis(ledger.CreatedAt)), ("$memo", ledger.Memo));
        var sequence = await command.ExecuteScalarAsync(cancellationToken);
        return sequence is null or DBNull ? null : (long)sequence;
    }

    public static async Task InsertPostingsAsync(SqliteConnection connection, SqliteTransaction transaction, long sequence, IReadOnlyList<Posting> postings, CancellationToken cancellationToken)
    {
        await using var command = SqliteCommands.Create(connection, transaction,
            "INSERT INTO ledger_postings (transaction_sequence, account, amount) VALUES ($sequence, $account, $amount)");
        var sequenceParameter = command.Parameters.Add("$sequence", SqliteType.Integer);
        var account = command.Parameters.Add("$account", SqliteType.Text);
        var amount = command.Parameters.Add("$amount", SqliteType.Integer);
        foreach (var posting in postings)
        {
            sequenceParameter.Value = sequence;
            account.Value = posting.Account;
            amount.Value = posting.Amount;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Adds each delta to its account's cached balance.</summary>
    public static void AddToBalances(SqliteWrite write, IEnumerable<KeyValuePair<string, long>> deltas)
    {
        foreach (var (name, value) in deltas)
        {
            if (value < 0 && LedgerAccounts.IsUser(name))
            {
                var update = write.Statement(UpdateBalance);
                update.Bind(1, name);
                update.Bind(2, value);
                if (update.Execute() == 0)
                {
                    throw new InvalidOperationException($"The ledger account {name} has no balance to take {-value} from.");
                }
            }
            else
            {
                var upsert = write.Statement(UpsertBalance);
                upsert.Bind(1, name);
                upsert.Bind(2, value);
                upsert.Execute();
            }
        }
    }

    /// <summary>Takes <paramref name="amount"/> (at most all of it) off a node's lease on an account, if it is still the
    /// lease named: what a charge paid from it, or what the node gives back.</summary>
    public static void ShrinkLease(SqliteWrite write, string accountId, string nodeId, long leaseId, long amount)
    {
        var shrink = write.Statement(ShrinkLeaseSql);
        shrink.Bind(1, accountId);
        shrink.Bind(2, nodeId);
        shrink.Bind(3, Math.Max(amount, 0));
        shrink.Bind(4, leaseId);
        shrink.Execute();
    }

    /// <summary>A ledger account's cached balance, 0 for one that never moved, read in the write's transaction.</summary>
    public static long Balance(SqliteWrite write, string ledgerAccount)
    {
        // The one named parameter is number 1.
        var balance = write.Statement(SelectBalance);
        balance.Bind(1, ledgerAccount);
        return balance.ScalarInt64();
    }

    public static Task<long> BalanceAsync(SqliteConnection connection, SqliteTransaction? transaction, string ledgerAccount, CancellationToken cancellationToken) =>
        SqliteCommands.ScalarInt64Async(connection, transaction, SelectBalance, cancellationToken, ("$account", ledgerAccount));

    /// <summary>A customer's balance less every active lease on it: what may still be taken from it. An expired lease
    /// belongs to a node that died, and must not keep its slice from the customer until the sweep deletes it.</summary>
    public static async Task<long> FreeBalanceAsync(
        SqliteConnection connection, SqliteTransaction transaction, string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var balance = await BalanceAsync(connection, transaction, LedgerAccounts.User(accountId), cancellationToken);
        var leased = await SqliteCommands.ScalarInt64Async(connection, transaction,
            "SELECT COALESCE(SUM(amount), 0) FROM balance_leases WHERE account_id = $account AND expires_at > $now", cancellationToken,
            ("$account", accountId), ("$now", UnixTime.ToMillis(now)));
        return balance - leased;
    }
}
