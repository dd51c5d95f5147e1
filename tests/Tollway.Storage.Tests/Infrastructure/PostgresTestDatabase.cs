using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollway.Storage.Postgres;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>One PostgreSQL database; each node gets its own data source (connection pool), as separate processes would.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _adminConnectionString;
    private readonly string _name;
    private readonly NpgsqlDataSource _raw;

    public PostgresTestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        _raw = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public override IReadOnlyList<(int Version, string Name, string Script)> Migrations => PostgresMigrator.Migrations();

    public override async Task<IAsyncDisposable> HoldLockAsync(StorageLock which, CancellationToken cancellationToken)
    {
        var key = which switch
        {
            StorageLock.Migrations => PostgresLocks.Migrations,
            StorageLock.Bootstrap => PostgresLocks.Bootstrap,
            _ => PostgresLocks.KeyVersions,
        };
        // A session lock conflicts with the transaction locks the stores take on the same key.
        var connection = await _raw.OpenConnectionAsync(cancellationToken);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_lock({key})", connection))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Release(async () =>
        {
            await using (var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({key})", connection))
            {
                await unlock.ExecuteNonQueryAsync();
            }

            await connection.DisposeAsync();
        });
    }

    public override async Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken cancellationToken) =>
        [.. (await RowsAsync("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", cancellationToken))
            .Select(r => (string)r[0]!)];

    public override async Task DeleteAsync(CancellationToken cancellationToken)
    {
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync(cancellationToken);
        // FORCE: ends the sessions of nodes still connected (or left undisposed by a failed test).
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        await _raw.DisposeAsync();
        await DeleteAsync(CancellationToken.None);
    }

    protected override void AddStorage(IServiceCollection services) => services.AddTollwayPostgres(ConnectionString);

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => await _raw.OpenConnectionAsync(cancellationToken);
}
