using SQLitePCL;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// The statements prepared on one native connection handle, kept as long as the handle lives, so a statement that runs
/// on every charge batch is parsed and planned once per handle rather than once per batch. A pooled handle serves one
/// <see cref="Microsoft.Data.Sqlite.SqliteConnection"/> at a time, and only the holder of that connection asks for its
/// statements, so a statement is never run by two callers at once.
/// </summary>
/// <remarks>
/// The pool closes a handle (idle for minutes, or a cleared pool) without telling anyone, and SQLite keeps a closed
/// connection's file open until its last statement is finalized; <see cref="SqliteDatabase"/> therefore finalizes the
/// statements of closed handles the next time it looks a cache up, and all of them when it is disposed.
/// </remarks>
internal sealed class SqliteStatementCache(sqlite3 handle) : IDisposable
{
    private readonly Dictionary<string, SqlitePreparedStatement> _statements = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <summary>The native handle the statements were prepared on.</summary>
    public sqlite3 Handle => handle;

    /// <summary>How many statements are prepared.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _statements.Count;
            }
        }
    }

    /// <summary>
    /// The statement for this SQL (one constant text per statement: each distinct text is prepared and kept), reset and
    /// with nothing bound, as if just prepared. The cache owns it: callers must not dispose it.
    /// </summary>
    public SqlitePreparedStatement Get(string sql)
    {
        // Uncontended: the lock only keeps Dispose, at shutdown, from finalizing a statement while it is handed out.
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_statements.TryGetValue(sql, out var statement))
            {
                statement.Clear();
                return statement;
            }

            statement = new SqlitePreparedStatement(handle, sql);
            _statements.Add(sql, statement);
            return statement;
        }
    }

    /// <summary>Finalizes every statement (a statement still running finishes first: each is a safe handle).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
        }
    }
}
