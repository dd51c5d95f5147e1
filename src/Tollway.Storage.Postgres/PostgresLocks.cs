using Npgsql;

namespace Tollway.Storage.Postgres;

/// <summary>
/// Transaction-level advisory locks, for what row locks cannot serialise: a table that is still empty (migrations, the
/// first account) and the next value of a maximum (key versions). Every node must use the same keys; they are scoped to
/// the database, and released when the transaction ends.
/// </summary>
internal static class PostgresLocks
{
    // "toll" in the high half keeps Tollway's keys apart from those of anything else sharing the database.
    public const long Migrations = 0x746F6C6C_00000001;
    public const long Bootstrap = 0x746F6C6C_00000002;
    public const long KeyVersions = 0x746F6C6C_00000003;

    /// <summary>Takes the lock exclusively. The statements after it must be separate ones: a statement's snapshot is
    /// taken when it starts, so a read in the same statement as the wait would not see what the previous holder wrote.</summary>
    public static NpgsqlBatchCommand Exclusive(long key) => PostgresSql.Command("SELECT pg_advisory_xact_lock(@lock)", PostgresSql.Parameter("lock", key));

    /// <summary>Takes the lock shared: many holders at once, none while someone holds it exclusively.</summary>
    public static NpgsqlBatchCommand Shared(long key) => PostgresSql.Command("SELECT pg_advisory_xact_lock_shared(@lock)", PostgresSql.Parameter("lock", key));
}
