using System.Collections.Concurrent;
using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Wire;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>
/// <c>kill -9</c> in the middle of a load, then a restart: every charge a client was told about is in the ledger, none
/// twice, the dead process's leases expire and give their money back, and the books balance.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("tollway-crash-").FullName;
    private FakeOpenAiUpstream _upstream = null!;

    public async ValueTask InitializeAsync()
    {
        _upstream = await FakeOpenAiUpstream.StartAsync();
        _upstream.RecordRequests = false;
        _upstream.SetDefault(UpstreamFault.WithUsage(new UpstreamUsage(0, 100)) with { Latency = TimeSpan.FromMilliseconds(10) });
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task KillDuringLoad_Restart_NoSettledChargeLostNoneDoubledLeasesReleasedBooksBalance()
    {
        var seen = new ConcurrentDictionary<string, long>();
        string adminKey, key, accountId;
        await using (var first = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl))
        {
            adminKey = first.PrintedAdminKey!;
            (key, accountId) = await first.CreateFundedAccountAsync(adminKey, "10");
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var (status, id, cost) = await first.ChatAsync(key);
                        if (status == HttpStatusCode.OK && id is not null && cost is not null && UsdAmount.TryParseNanos(cost, out var nanos))
                        {
                            seen[id] = nanos;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            while (seen.Count < 50)
            {
                await Task.Delay(20, TestContext.Current.CancellationToken);
            }

            await first.Process.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
        }

        await using var second = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl);

        // No settled charge lost: every answer that reached a client with its cost has that charge, at that cost.
        foreach (var (id, cost) in seen)
        {
            var generation = await second.SendAsync(key, HttpMethod.Get, $"/api/v1/generation?id={id}");
            Assert.True(UsdAmount.TryParseNanos(generation.GetProperty("data").GetProperty("total_cost").GetRawText(), out var charged));
            Assert.Equal(cost, charged);
        }

        // None doubled, and the dead process's leases expire (TTL 2 s) so all that was not charged is free again.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string leased;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            leased = (await second.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/accounts/{accountId}/balance")).GetProperty("leased_usd").GetString()!;
        }
        while (leased != "0" && DateTime.UtcNow < deadline);
        Assert.Equal("0", leased);

        var journal = await second.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/journal?account_id={accountId}&limit=1000");
        var charges = journal.GetProperty("data").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "charge").ToList();
        Assert.Equal(charges.Count, charges.Select(c => c.GetProperty("reference").GetString()).Distinct().Count());
        Assert.True(charges.Count >= seen.Count);
        var balance = (await second.SendAsync(adminKey, HttpMethod.Get, $"/admin/v1/accounts/{accountId}/balance")).GetProperty("balance_usd").GetString()!;
        Assert.True(UsdAmount.TryParseNanos(balance, out var balanceNanos));
        Assert.Equal(10_000_000_000 - (charges.Count * 100_000L), balanceNanos);
        var books = await second.SendAsync(adminKey, HttpMethod.Get, "/admin/v1/reconciliation");
        Assert.True(books.GetProperty("balanced").GetBoolean(), books.GetRawText());
        await second.Process.StopAsync();
    }
}
