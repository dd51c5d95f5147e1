using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite.Tests;

/// <summary>
/// A temporary directory of real SQLite files for one test class; deleted on dispose. Each test class gets its own
/// so that tests running in parallel never share a file unless they mean to.
/// </summary>
internal sealed class SqliteTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(
        System.IO.Path.GetTempPath(), "tollway-storage-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A database on a fresh file in this directory (the file itself appears on the first open).</summary>
    public SqliteDatabase NewDatabase(string name = "tollway.db") => new(System.IO.Path.Combine(Path, name));

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
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
