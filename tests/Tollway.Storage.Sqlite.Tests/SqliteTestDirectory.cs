namespace Tollway.Storage.Sqlite.Tests;

/// <summary>
/// A temporary directory of real SQLite files for one test class; deleted on dispose. Each test class gets its own
/// so that tests running in parallel never share a file unless they mean to.
/// </summary>
internal sealed class SqliteTestDirectory : IDisposable
{
    private readonly List<SqliteDatabase> _databases = [];

    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "tollway-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A database on a fresh file in this directory (the file itself appears on the first open).</summary>
    public SqliteDatabase NewDatabase(string name = "tollway.db")
    {
        var database = new SqliteDatabase(System.IO.Path.Combine(Path, name));
        _databases.Add(database);
        return database;
    }

    /// <summary>A fresh database with every migration applied.</summary>
    public async Task<SqliteDatabase> NewMigratedDatabaseAsync(string name = "tollway.db")
    {
        var database = NewDatabase(name);
        await new SqliteMigrator(database, TimeProvider.System).MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public void Dispose()
    {
        // Pooled connections keep the files open; on Windows that blocks the delete, on Linux it leaks descriptors.
        // Disposing a database closes its file's pooled connections (and first its prepared statements, without which
        // SQLite would keep a closed connection's files open); files a test opened through a database of its own are
        // closed the same way. Only this directory's: clearing every pool in the process would close the last connection
        // to another test's file under it, and SQLite's checkpoint on that last close would empty the WAL that test is
        // building up (SqliteCheckpointerTests).
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        if (Directory.Exists(Path))
        {
            foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories).Where(IsDatabaseFile))
            {
                new SqliteDatabase(file).Dispose();
            }

            Directory.Delete(Path, recursive: true);
        }
    }

    private static bool IsDatabaseFile(string file) =>
        !file.EndsWith("-wal", StringComparison.Ordinal) && !file.EndsWith("-shm", StringComparison.Ordinal) && !file.EndsWith("-journal", StringComparison.Ordinal);
}
