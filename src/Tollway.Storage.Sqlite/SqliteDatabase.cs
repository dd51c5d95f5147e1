using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>Opens connections to the database file, each set up for WAL, foreign keys and a generous busy wait.</summary>
public sealed class SqliteDatabase : IDisposable
{
    // The checkpoint mode a native handle was set up for.
    private static readonly object CommitCheckpoints = new();
    private static readonly object BackgroundCheckpoints = new();

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeTurn = new(1, 1);
    private bool _checkpointsInBackground;

    /// <summary>The native handles already set up; a handle the pool closes drops out with its object.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

    /// <summary>The prepared statements of each native handle a writer used; a handle's go when the pool has closed it.</summary>
    private readonly List<SqliteStatementCache> _statements = [];
    private readonly Lock _statementsLock = new();
    private bool _disposed;

    /// <summary>Creates the factory for a file path (its directory is created when missing).</summary>
    public SqliteDatabase(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        Path = fullPath;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Writers from other processes (the CLI beside a running server) wait instead of failing at once.
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The absolute path of the database file.</summary>
    public string Path { get; }

    /// <summary>Whether <see cref="SqliteCheckpointer"/> checkpoints for this process, so commits need not.</summary>
    internal bool CheckpointsInBackground
    {
        get => Volatile.Read(ref _checkpointsInBackground);
        set => Volatile.Write(ref _checkpointsInBackground, value);
    }

    /// <summary>
    /// An immediate transaction on a new connection, begun after this process's writers that asked before it. SQLite lets
    /// one writer in at a time; without this turn-taking, a writer that finds the lock taken sleeps in SQLite's busy
    /// handler (1, 2, 5 … 100 ms, blocking its thread) and gets in only if it wakes in a gap between the charge writer's
    /// back-to-back commits, which can take seconds while holds wait for the lease it is fetching. Other processes (the
    /// CLI beside a running server) still meet at SQLite's lock and its busy timeout.
    /// </summary>
    internal async Task<SqliteWrite> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken);
        SqliteConnection? connection = null;
        try
        {
            connection = await OpenAsync(cancellationToken);
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            return new SqliteWrite(this, connection, transaction, _writeTurn);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            _writeTurn.Release();
            throw;
        }
    }

    /// <summary>
    /// Waits until no writer of this process is in, and keeps them out until disposed, without taking SQLite's lock: for
    /// a checkpoint that must see the WAL stop growing to finish (<see cref="SqliteCheckpointer"/>).
    /// </summary>
    internal async Task<IDisposable> HoldWritersAsync(CancellationToken cancellationToken)
    {
        await _writeTurn.WaitAsync(cancellationToken);
        return new WriteTurn(_writeTurn);
    }

    /// <summary>
    /// The statements prepared on an open connection's native handle. Only the connection's holder may use them, and
    /// only while it holds the connection. The statements of handles the pool has closed since are finalized here: SQLite
    /// keeps a closed handle's files open (a "zombie") until its last statement is gone.
    /// </summary>
    internal SqliteStatementCache StatementsOf(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        lock (_statementsLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            SqliteStatementCache? found = null;
            for (var i = _statements.Count - 1; i >= 0; i--)
            {
                var cache = _statements[i];
                if (cache.Handle == handle)
                {
                    found = cache;
                }
                else if (cache.Handle.IsClosed)
                {
                    cache.Dispose();
                    _statements.RemoveAt(i);
                }
            }

            if (found is null)
            {
                found = new SqliteStatementCache(handle);
                _statements.Add(found);
            }

            return found;
        }
    }

    /// <summary>
    /// Finalizes the prepared statements and closes the file's idle pooled connections (one in use closes when it is
    /// returned), so the file is closed and SQLite's last close checkpoints and removes the WAL; then frees the turn-taking
    /// of writers. Another <see cref="SqliteDatabase"/> on the same file opens new connections as it needs them.
    /// </summary>
    public void Dispose()
    {
        lock (_statementsLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var cache in _statements)
            {
                cache.Dispose();
            }

            _statements.Clear();
        }

        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeTurn.Dispose();
    }

    /// <summary>An open connection.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // The pool hands back the same native handle, and these settings belong to the handle: they are set once per
        // handle and mode rather than on every open, which the charge writer does once per group commit. NORMAL is
        // durable in WAL mode except for the last transactions before a power loss (not a process crash): the WAL is
        // synced when it is checkpointed. While the checkpointer runs, commits leave checkpoints to it; the mode can
        // change at run time, so a handle set up for the other mode is set up again.
        var mode = CheckpointsInBackground ? BackgroundCheckpoints : CommitCheckpoints;
        if (connection.Handle is { } handle && (!_configured.TryGetValue(handle, out var configuredFor) || configuredFor != mode))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = mode == BackgroundCheckpoints
                ? "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 0;"
                : "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 1000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, mode);
        }

        return connection;
    }

    /// <summary>Lets the next writer in when disposed.</summary>
    private sealed class WriteTurn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
