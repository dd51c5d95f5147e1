using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite;

/// <summary>Opens connections to the database file, each set up for WAL, foreign keys and a generous busy wait.</summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

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
        await using var pragma = connection.CreateCommand();
        // NORMAL is durable in WAL mode except for the last transactions before a power loss (not a process crash).
        pragma.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
