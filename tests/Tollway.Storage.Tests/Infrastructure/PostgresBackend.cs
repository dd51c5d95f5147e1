using Npgsql;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>
/// Databases on the PostgreSQL server named by <c>TWTEST_POSTGRES</c> (scripts/postgres.sh starts one): a
/// <c>tollway_test_…</c> database per class, and per test that asks for one, dropped afterwards.
/// </summary>
public sealed class PostgresBackend : StorageBackend
{
    public const string ConnectionVariable = "TWTEST_POSTGRES";
    public const string SkipVariable = "TWTEST_SKIP_POSTGRES";

    private readonly string? _connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);

    // Skipping must be asked for: a CI without a server would otherwise pass while never testing the shared backend.
    public override string? SkipReason =>
        string.IsNullOrWhiteSpace(_connectionString) && Environment.GetEnvironmentVariable(SkipVariable) == "1"
            ? $"PostgreSQL tests skipped: {SkipVariable}=1 and no {ConnectionVariable}."
            : null;

    public override async ValueTask InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(_connectionString) && SkipReason is null)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL variants of the storage tests need a server: set {ConnectionVariable} to an Npgsql connection string " +
                $"(eval \"$(scripts/postgres.sh)\" starts one and prints it; scripts/test.sh does this itself), " +
                $"or set {SkipVariable}=1 to skip them knowingly.");
        }

        await base.InitializeAsync();
    }

    protected override async Task<TestDatabase> CreateEmptyDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "tollway_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(_connectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new PostgresTestDatabase(_connectionString!, name);
    }
}
