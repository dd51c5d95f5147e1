using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>SQLite files in a temporary directory of the class's own.</summary>
public sealed class SqliteBackend : StorageBackend
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tollway-storage-contract", Guid.NewGuid().ToString("N"));

    protected override Task<TestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken) =>
        Task.FromResult<TestDatabase>(new SqliteTestDatabase(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")));

    protected override ValueTask DeleteLeftoversAsync()
    {
        // Pooled connections keep the files open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
