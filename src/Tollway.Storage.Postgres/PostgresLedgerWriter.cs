using Npgsql;
using NpgsqlTypes;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Storage.Postgres;

/// <summary>
/// The SQL shared by single postings, leases and charge batches: locking customers' balances, recording a transaction
/// and moving cached balances.
/// </summary>
/// <remarks>
/// Every writer that checks what a customer can spend first locks that customer's <c>ledger_balances</c> row, so checks
/// and the changes that depend on them never interleave across nodes. Locks are always taken in one order (customer
/// rows sorted by name, then system rows sorted by name when their balances move), so writers touching several
/// accounts wait for one another instead of deadlocking.
/// </remarks>
internal static class PostgresLedgerWriter
{
    private const string TransactionAndPostings = """
        WITH t AS (
            INSERT INTO ledger_transactions (reference, kind, created_at, memo) VALUES (@reference, @kind, @created, @memo)
            RETURNING sequence
        ), p AS (
            INSERT INTO ledger_postings (transaction_sequence, leg, account, amount)
            SELECT t.sequence, l.leg, l.account, l.amount
            FROM t, unnest(@accounts, @amounts) WITH ORDINALITY AS l(account, amount, leg)
        )
        """;

    /// <summary>
    /// Two statements: create the missing balance rows of the given ledger accounts (a customer who never had money has
    /// none, and there would be nothing to lock), then lock them all. Their second statement returns each account's
    /// balance, read after the lock was granted.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> LockBalances(IEnumerable<string> ledgerAccounts)
    {
        // Each statement visits the rows in an order every writer shares: the insert in the array's order, the lock in
        // byte order whatever the database's locale. (They agree for the ASCII names Tollway makes; they need not.)
        var sorted = ledgerAccounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        yield return PostgresSql.Command(
            "INSERT INTO ledger_balances (account, balance) SELECT account, 0 FROM unnest(@accounts) AS a(account) ON CONFLICT (account) DO NOTHING",
            TextArray("accounts", sorted));
        yield return PostgresSql.Command(
            """SELECT account, balance FROM ledger_balances WHERE account = ANY(@accounts) ORDER BY account COLLATE "C" FOR UPDATE""",
            TextArray("accounts", sorted));
    }

    /// <summary>Reads what the second statement of <see cref="LockBalances"/> returned.</summary>
    public static async Task<Dictionary<string, long>> ReadBalancesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            balances[reader.GetString(0)] = reader.GetInt64(1);
        }

        return balances;
    }

    /// <summary>Inserts the transaction and its postings; returns the new sequence.</summary>
    public static NpgsqlBatchCommand InsertTransaction(LedgerTransaction ledger) =>
        WithTransactionParameters(PostgresSql.Command(TransactionAndPostings + "SELECT sequence FROM t"), ledger);

    /// <summary>
    /// Adds each delta to its account's cached balance. Not an upsert: PostgreSQL checks the row an upsert proposes
    /// before it finds the conflict, so a customer's negative delta would fail the non-negative check even where the
    /// row exists. Instead the rows are made and locked in order, then updated in one statement.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> AddToBalances(IReadOnlyDictionary<string, long> deltas)
    {
        foreach (var command in LockBalances(deltas.Keys))
        {
            yield return command;
        }

        yield return PostgresSql.Command("""
            UPDATE ledger_balances AS b SET balance = b.balance + d.delta
            FROM unnest(@accounts, @deltas) AS d(account, delta)
            WHERE b.account = d.account
            """,
            TextArray("accounts", [.. deltas.Keys]),
            PostgresSql.Parameter("deltas", NpgsqlDbType.Array | NpgsqlDbType.Bigint, deltas.Values.ToArray()));
    }

    /// <summary>Takes <paramref name="amount"/> (at most all of it) off a node's lease on an account, if it is still the
    /// lease named: what charges paid from it, or what the node gives back.</summary>
    public static NpgsqlBatchCommand ShrinkLease(string accountId, string nodeId, long leaseId, long amount) =>
        PostgresSql.Command(
            "UPDATE balance_leases SET amount = GREATEST(amount - @amount, 0) WHERE account_id = @account AND node_id = @node AND lease_id = @lease",
            PostgresSql.Parameter("account", accountId), PostgresSql.Parameter("node", nodeId), PostgresSql.Parameter("lease", leaseId),
            PostgresSql.Parameter("amount", Math.Max(amount, 0)));

    public static NpgsqlParameter TextArray(string name, string[] values) => PostgresSql.Parameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text, values);

    private static NpgsqlBatchCommand WithTransactionParameters(NpgsqlBatchCommand command, LedgerTransaction ledger)
    {
        command.Parameters.AddRange(new[]
        {
            PostgresSql.Parameter("reference", ledger.Reference),
            PostgresSql.Parameter("kind", (int)ledger.Kind),
            PostgresSql.Parameter("created", UnixTime.ToMillis(ledger.CreatedAt)),
            PostgresSql.Parameter("memo", NpgsqlDbType.Text, ledger.Memo),
            TextArray("accounts", [.. ledger.Postings.Select(p => p.Account)]),
            PostgresSql.Parameter("amounts", NpgsqlDbType.Array | NpgsqlDbType.Bigint, ledger.Postings.Select(p => p.Amount).ToArray()),
        });
        return command;
    }
}
