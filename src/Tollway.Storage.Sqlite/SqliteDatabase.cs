using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>Opens connections to the database file, each set up for WAL, foreign keys and a generous busy wait.</summary>
public sealed class SqliteDatabase
{
    private static readonly object Configured = new();

    private readonly string _connectionString;

    /// <summary>The native handles already set up; a handle the pool closes drops out with its object.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

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

    /// <summary>An open connection.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // The pool hands back the same native handle, and these settings belong to the handle: they are set once per
        // handle rather than on every open, which the charge writer does once per group commit.
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            // NORMAL is durable in WAL mode except for the last transactions before a power loss (not a process crash).
            pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            _configured.AddOrUpdate(handle, Configured);
        }

        return connection;
    }
}
