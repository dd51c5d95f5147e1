using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// A write transaction (immediate: it holds SQLite's one write lock) on its own connection, taken in turn with this
/// process's other writers; disposing it without <see cref="CommitAsync"/> rolls it back, and lets the next writer in.
/// </summary>
internal sealed class SqliteWrite : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate;
    private bool _disposed;

    internal SqliteWrite(SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim gate)
    {
        Connection = connection;
        Transaction = transaction;
        _gate = gate;
    }

    public SqliteConnection Connection { get; }

    public SqliteTransaction Transaction { get; }

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

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
