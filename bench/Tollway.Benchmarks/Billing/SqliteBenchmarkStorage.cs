using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Sqlite;

namespace Tollway.Benchmarks.Billing;

/// <summary>A SQLite ledger file in a temporary directory on disk (not in memory: the point is the durable write).</summary>
internal sealed class SqliteBenchmarkStorage : IBenchmarkStorage
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tollway-bench", Guid.NewGuid().ToString("N"));

    public void AddTo(IServiceCollection services)
    {
        var path = Path.Combine(_directory, "tollway.db");
        services.Configure<DatabaseOptions>(o => o.SqlitePath = path);
        services.AddTollwaySqlite();
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
