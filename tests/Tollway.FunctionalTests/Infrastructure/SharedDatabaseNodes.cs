using Npgsql;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// What several <c>tollway serve</c> processes share in a multi-node test: a fresh PostgreSQL database on the server of
/// scripts/postgres.sh (TWTEST_POSTGRES), a directory for their configs, and a fake provider whose every answer reports
/// 1,000 output tokens ($0.001 on <c>flat</c>, the whole hold of <see cref="ServedGateway.ChatAsync"/>). All of it is
/// removed on dispose.
/// </summary>
public sealed class SharedDatabaseNodes : IAsyncDisposable
{
    private readonly string _server;
    private readonly string _name;
    private readonly string _directory;
    private readonly string _connectionString;

    private SharedDatabaseNodes(string server, string name, string directory, FakeOpenAiUpstream upstream)
    {
        _server = server;
        _name = name;
        _directory = directory;
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        Upstream = upstream;
    }

    public FakeOpenAiUpstream Upstream { get; }

    /// <summary>Creates the database and starts the provider, which answers after <paramref name="upstreamLatency"/>.</summary>
    public static async Task<SharedDatabaseNodes> CreateAsync(string prefix, TimeSpan upstreamLatency)
    {
        var server = Environment.GetEnvironmentVariable("TWTEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "TWTEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts PostgreSQL.");
        var name = prefix + "_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var upstream = await FakeOpenAiUpstream.StartAsync();
        upstream.RecordRequests = false;
        upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 1000)) with { Latency = upstreamLatency });
        return new SharedDatabaseNodes(server, name, Directory.CreateTempSubdirectory(prefix.Replace('_', '-') + "-").FullName, upstream);
    }

    /// <summary>Starts a node on the shared database, with more settings in <paramref name="environment"/> if given.</summary>
    public Task<ServedGateway> StartNodeAsync(string leaseTtl = "00:00:02", IReadOnlyDictionary<string, string>? environment = null)
    {
        var settings = new Dictionary<string, string>(environment ?? new Dictionary<string, string>())
        {
            ["TOLLWAY_Database__PostgresConnectionString"] = _connectionString,
        };
        return ServedGateway.StartAsync(_directory, Upstream.BaseUrl, settings, leaseTtl);
    }

    public async ValueTask DisposeAsync()
    {
        await Upstream.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
