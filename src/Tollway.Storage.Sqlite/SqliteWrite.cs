using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// A write transaction (immediate: it holds SQLite's one write lock) on its own connection, taken in turn with this
/// process's other writers; disposing it without <see cref="CommitAsync"/> rolls it back, and lets the next writer in.
/// </summary>
internal sealed class SqliteWrite : IAsyncDisposable
{
    private readonly SqliteDatabase _database;
    private readonly SemaphoreSlim _gate;
    private SqliteStatementCache? _statements;
    private bool _disposed;

    internal SqliteWrite(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        _database = database;
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    /// <summary>
    /// The statement for this SQL, run in this transaction: prepared the first time any write on this native connection
    /// asks for it, then kept (<see cref="SqliteStatementCache"/>). Not to be disposed, nor used after this write.
    /// </summary>
    public SqlitePreparedStatement Statement(string sql) => (_statements ??= _database.StatementsOf(Connection)).Get(sql);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Transaction.DisposeAsync();
            await Connection.DisposeAsync();
        }
        finally
        {
            _gate.Release();
        }
    }
}
