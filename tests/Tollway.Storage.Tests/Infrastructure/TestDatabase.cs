using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>One database of a backend, made for one test class (or one test) and deleted with it.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    /// <summary>The migrations the backend embeds, in order.</summary>
    public abstract IReadOnlyList<(int Version, string Name, string Script)> Migrations { get; }

    /// <summary>
    /// Brings an empty database to the schema of an older release: the scripts up to <paramref name="lastVersion"/>,
    /// recorded as the migrator records them, so that the migrator then applies only the later ones.
    /// </summary>
    public async Task MigrateUpToAsync(int lastVersion, CancellationToken cancellationToken)
    {
        await ExecuteAsync("CREATE TABLE schema_migrations (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)", cancellationToken);
        foreach (var (version, name, script) in Migrations.Where(m => m.Version <= lastVersion))
        {
            await ExecuteAsync(script, cancellationToken);
            await ExecuteAsync($"INSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, '{name}', 0)", cancellationToken);
        }
    }

    /// <summary>A new node over this database, its stores reading the time from <paramref name="time"/>.</summary>
    public StorageNode NewNode(TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        AddStorage(services);
        return new StorageNode(services.BuildServiceProvider());
    }

    /// <summary>
    /// Shuts the door every contender of a race must pass, until disposed: SQLite's write lock (one for everything),
    /// PostgreSQL's advisory lock of that kind. Contenders started meanwhile all wait, so the race really happens.
    /// </summary>
    public abstract Task<IAsyncDisposable> HoldLockAsync(StorageLock which, CancellationToken cancellationToken);

    /// <summary>Makes the database disappear under running nodes: the file deleted, or the database dropped.</summary>
    public abstract Task DeleteAsync(CancellationToken cancellationToken);

    /// <summary>The user tables, sorted.</summary>
    public abstract Task<IReadOnlyList<string>> ListTablesAsync(CancellationToken cancellationToken);

    /// <summary>A single value read with plain SQL (both backends understand it), bypassing the stores.</summary>
    public async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public async Task<long> ScalarInt64Async(string sql, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(sql, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    public Task<long> CountAsync(string table, CancellationToken cancellationToken) => ScalarInt64Async($"SELECT COUNT(*) FROM {table}", cancellationToken);

    /// <summary>Runs plain SQL; <paramref name="parameters"/> are named <c>@name</c> in it (both backends read that).</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every row as its column values, with SQL NULL as <see langword="null"/>.</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Registers the backend's stores, the way the host does.</summary>
    protected abstract void AddStorage(IServiceCollection services);

    /// <summary>A raw connection, outside the stores.</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}
