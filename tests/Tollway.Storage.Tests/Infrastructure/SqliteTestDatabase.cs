using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Storage.Sqlite;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>One SQLite file; each node opens it through its own <see cref="SqliteDatabase"/>, as separate processes would.</summary>
public sealed class SqliteTestDatabase(string path) : TestDatabase
{
    public override IReadOnlyList<(int Version, string Name, string Script)> Migrations => SqliteMigrator.Migrations();

    public override async Task<IAsyncDisposable> HoldLockAsync(StorageLock which, CancellationToken cancellationToken)
    {
        // SQLite has one write lock for the whole file; an immediate transaction holds it.
        var connection = await new SqliteDatabase(path).OpenAsync(cancellationToken);
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        return new Release(async () =>
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        });
    }

    public override async Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken cancellationToken) =>
        [.. (await RowsAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", cancellationToken))
            .Select(r => (string)r[0]!)];

    public override Task DeleteAsync(CancellationToken cancellationToken)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }

        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        await DeleteAsync(CancellationToken.None);
    }

    protected override void AddStorage(IServiceCollection services)
    {
        services.AddSingleton(new SqliteDatabase(path));
        services.AddTollwaySqlite();
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await new SqliteDatabase(path).OpenAsync(cancellationToken);
}
