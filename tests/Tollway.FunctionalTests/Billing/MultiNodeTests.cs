using System.Net;
using Npgsql;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// Two gateway processes sharing one PostgreSQL: five hundred requests spread over both against a balance for twenty
/// serve at most twenty, and the books balance. Needs the server of scripts/postgres.sh (TWTEST_POSTGRES).
/// </summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tollway-nodes-").FullName;
    private readonly string _database = "tollway_nodes_" + Guid.NewGuid().ToString("N");
    private FakeOpenAiUpstream _upstream = null!;
    private string _connectionString = "";

    public async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable("TWTEST_POSTGRES");
        Assert.False(string.IsNullOrEmpty(server), "TWTEST_POSTGRES is not set: run the tests through scripts/test.sh, which starts PostgreSQL.");
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = _database }.ConnectionString;
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _upstream.RecordRequests = false;
        _upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 1000)) with { Latency = TimeSpan.FromMilliseconds(50) });
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("TWTEST_POSTGRES") is { Length: > 0 } server)
        {
            await using var admin = new NpgsqlConnection(server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task TwoNodes_FiveHundredRequestsBalanceForTwenty_ServeAtMostTwentyAndBalanceTheBooks()
    {
        var environment = new Dictionary<string, string> { ["TOLLWAY_Database__PostgresConnectionString"] = _connectionString };
        await using var nodeA = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl, environment, leaseTtl: "00:00:30");
        await using var nodeB = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl, environment, leaseTtl: "00:00:30");
        var adminKey = nodeA.PrintedAdminKey!;
        Assert.Null(nodeB.PrintedAdminKey);
        var (key, accountId) = await nodeA.CreateFundedAccountAsync(adminKey, "0.02");
        // Node B learns of the key created on node A from the change feed, within a second.
        await nodeB.WaitForKeyAsync(key);

        using var start = new ManualResetEventSlim();
        var requests = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return (await (i % 2 == 0 ? nodeA : nodeB).ChatAsync(key)).Status;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(requests);

        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.PaymentRequired, $"unexpected {s}"));
        Assert.InRange(served, 1, 20);
        Assert.Equal(served, _upstream.RequestCount);
        var balance = (await nodeB.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/accounts/{accountId}/balance")).GetProperty("balance_usd").GetString()!;
        Assert.True(UsdAmount.TryParseNanos(balance, out var nanos));
        Assert.Equal(20_000_000 - (served * 1_000_000L), nanos);
        var books = await nodeA.SendAsync(adminKey, HttpMethod.Get, "/admin/v1/reconciliation");
        Assert.True(books.GetProperty("balanced").GetBoolean(), books.GetRawText());
        await nodeA.Process.StopAsync();
        await nodeB.Process.StopAsync();
    }
}
