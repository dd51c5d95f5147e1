using System.Collections.Concurrent;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>
/// A storage backend under test, as a class fixture: each test class gets its own migrated database (so classes run in
/// parallel without seeing one another), and may make more for tests that need one empty or to themselves. Every
/// database it made is deleted when the class is done.
/// </summary>
public abstract class StorageBackend : IAsyncLifetime
{
    private readonly ConcurrentBag<TestDatabase> _databases = [];
    private TestDatabase? _database;

    /// <summary>Why this backend's tests are skipped, or <see langword="null"/> when they run.</summary>
    public virtual string? SkipReason => null;

    /// <summary>The class's migrated database. Its tests share it, each with accounts of its own.</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("The backend was not initialised.");

    /// <summary>A new database of this backend, migrated unless asked otherwise.</summary>
    public async Task<TestDatabase> CreateDatabaseAsync(bool migrated = true)
    {
        var database = await CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        _databases.Add(database);
        if (migrated)
        {
            await using var node = database.NewNode(TimeProvider.System);
            await node.Migrator.MigrateAsync(TestContext.Current.CancellationToken);
        }

        return database;
    }

    public virtual async ValueTask InitializeAsync()
    {
        if (SkipReason is null)
        {
            _database = await CreateDatabaseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }

        await DeleteLeftoversAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken);

    protected virtual ValueTask DeleteLeftoversAsync() => ValueTask.CompletedTask;
}
