using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tollway.Storage.Postgres;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// A <c>tollway_bench_…</c> database of its own on the PostgreSQL server named by <c>TWTEST_POSTGRES</c> (an Npgsql
/// connection string; scripts/postgres.sh starts a server and prints one), dropped afterwards.
/// </summary>
internal sealed class PostgresBenchmarkStorage : IBenchmarkStorage
{
    public const string ConnectionVariable = "TWTEST_POSTGRES";

    private readonly string _adminConnectionString;
    private readonly string _name;
    private readonly string _connectionString;

    private PostgresBenchmarkStorage(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
        _connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The server's connection string, or <see langword="null"/> when none was given.</summary>
    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null;

    public static async Task<PostgresBenchmarkStorage> CreateAsync(CancellationToken cancellationToken)
    {
        var admin = AdminConnectionString
            ?? throw new InvalidOperationException($"The PostgreSQL benchmarks need {ConnectionVariable} (an Npgsql connection string).");
        var name = "tollway_bench_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}", cancellationToken);
        return new PostgresBenchmarkStorage(admin, name);
    }

    public void AddTo(IServiceCollection services) => services.AddTollwayPostgres(_connectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // FORCE: ends the sessions of a node that was not disposed (a benchmark that failed half-way).
        await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
