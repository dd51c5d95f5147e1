using System.Net;
using Microsoft.Data.Sqlite;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// Real traffic through the gateway — plain and streamed answers, a provider that never answers, a failover, a 402 and
/// a 404 — then a real scrape of <c>/metrics</c>, checked against the ledger's charge rows and the request log exactly.
/// </summary>
public sealed class MetricsScrapeTests(MetricsFixture gateway) : IClassFixture<MetricsFixture>
{
    private static readonly string[] Providers = ["m-primary", "m-backup", "m-dead"];

    private static string Chat(string model, bool stream = false) =>
        $$"""{"model":"{{model}}",{{(stream ? "\"stream\":true," : "")}}"messages":[{"role":"user","content":"hi"}],"max_tokens":50}""";

    [Fact]
    public async Task Scrape_AfterMixedTraffic_CountersEqualLedgerAndRequestLog()
    {
        var charged = new List<string>();
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(100, 20, CachedTokens: 40, ReasoningTokens: 5, CacheWriteTokens: 7)));
        charged.Add(await SendAsync(Chat("m-chat"), HttpStatusCode.OK));
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(30, 12)));
        charged.Add(await SendAsync(Chat("m-chat", stream: true), HttpStatusCode.OK, stream: true));
        await SendAsync(Chat("m-dead"), HttpStatusCode.BadGateway);
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));
        gateway.Backup.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(5, 10)));
        charged.Add(await SendAsync(Chat("m-duo"), HttpStatusCode.OK));
        var (poorKey, _, _) = await gateway.CreateFundedKeyAsync("metrics poor", "0");
        await SendAsync(Chat("m-chat"), HttpStatusCode.PaymentRequired, key: poorKey);
        await SendAsync(Chat("no-such-model"), HttpStatusCode.NotFound);

        var charges = new List<ChargeRecord>();
        foreach (var id in charged)
        {
            charges.Add(await Infrastructure.Billing.WaitForChargeAsync(gateway, id));
        }

        var rows = await Eventually.ValueAsync(async () => await RowsAsync() is { Count: 6 } all ? all : null, "six request log rows", TestContext.Current.CancellationToken);
        var scrape = await Eventually.ValueAsync(
            async () => await PrometheusScrape.ReadAsync(gateway) is var read && Tokens(read, "output") == charges.Sum(c => c.CompletionTokens) ? read : null,
            "a scrape with every charge", TestContext.Current.CancellationToken);

        Assert.Equal(charges.Sum(c => (long)c.PromptTokens), Tokens(scrape, "input"));
        Assert.Equal(charges.Sum(c => (long)c.CompletionTokens), Tokens(scrape, "output"));
        Assert.Equal(charges.Sum(c => (long)c.CachedTokens), Tokens(scrape, "cached"));
        Assert.Equal(charges.Sum(c => (long)c.ReasoningTokens), Tokens(scrape, "reasoning"));
        Assert.Equal(charges.Sum(c => (long)c.CacheWriteTokens), Tokens(scrape, "cache_write"));
        Assert.Equal(charges.Sum(c => c.ProviderCost), Cost(scrape, "provider"));
        Assert.Equal(charges.Sum(c => c.Markup), Cost(scrape, "markup"));
        Assert.True(charges.Sum(c => c.Markup) > 0, "the markup is checked on a non-zero sum");
        Assert.Equal((135, 42), (Tokens(scrape, "input"), Tokens(scrape, "output")));

        foreach (var status in rows.GroupBy(r => r.Status))
        {
            Assert.Equal(status.Count(), (long)scrape.Sum("tollway_requests_total", ("endpoint", "/v1/chat/completions"), ("status", status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        Assert.Equal(1, (long)scrape.Sum("tollway_requests_total", ("model", "unknown"), ("provider", "none"), ("status", "404")));
        Assert.Equal(1, (long)scrape.Sum("tollway_requests_total", ("model", "m-chat"), ("provider", "none"), ("status", "402")));
        var attempts = rows.Where(r => r.Attempts is not null).SelectMany(r => r.Attempts!.Split(',')).ToList();
        Assert.Equal(attempts.Count, (long)Providers.Sum(p => scrape.Sum("tollway_upstream_attempts_total", ("provider", p))));
        Assert.Equal(3, (long)scrape.Sum("tollway_upstream_attempts_total", ("provider", "m-dead"), ("outcome", "connect_failed")));
        Assert.Equal(2, (long)scrape.Sum("tollway_upstream_retries_total", ("provider", "m-dead"), ("reason", "connect")));
        Assert.Equal(1, (long)scrape.Sum("tollway_upstream_retries_total", ("provider", "m-primary"), ("reason", "server_error")));
        Assert.Equal(rows.Count(r => Failovers(r.Attempts)), (long)Providers.Sum(p => scrape.Sum("tollway_upstream_failovers_total", ("from_provider", p))));
        Assert.Equal(1, (long)scrape.Sum("tollway_upstream_failovers_total", ("from_provider", "m-primary")));
        Assert.Equal(2, (long)scrape.Sum("tollway_request_duration_seconds_count", ("endpoint", "/v1/chat/completions"), ("provider", "m-primary")));
        Assert.Equal(1, (long)scrape.Sum("tollway_request_duration_seconds_count", ("endpoint", "/v1/chat/completions"), ("provider", "m-backup")));
        Assert.Equal(3, (long)scrape.Sum("tollway_upstream_time_to_first_byte_seconds_count", ("provider", "m-primary")));
        Assert.Equal(1, (long)scrape.Sum("gen_ai_client_operation_duration_seconds_count", ("gen_ai_provider_name", "m-primary"), ("error_type", "503")));
        Assert.Equal(32, (long)scrape.Sum("gen_ai_client_token_usage_sum", ("gen_ai_provider_name", "m-primary"), ("gen_ai_token_type", "output")));
        Assert.Contains(scrape.Samples, s => s.Name == "tollway_upstream_circuit_state" && s.Labels.GetValueOrDefault("upstream") == "m-primary/m-chat" && s.Value == 0);
    }

    private static bool Failovers(string? attempts) =>
        attempts?.Split(',').Select(a => a[..a.LastIndexOf(':')]).Distinct().Count() > 1;

    private static long Tokens(PrometheusScrape scrape, string type) =>
        (long)Providers.Sum(p => scrape.Sum("tollway_tokens_total", ("provider", p), ("type", type)));

    private static long Cost(PrometheusScrape scrape, string part) =>
        (long)Providers.Sum(p => scrape.Sum("tollway_cost_nano_usd_total", ("provider", p), ("part", part)));

    private async Task<string> SendAsync(string body, HttpStatusCode expected, bool stream = false, string? key = null)
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", body, key, stream);
        await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(expected, response.StatusCode);
        return Infrastructure.Billing.RequestId(response);
    }

    private async Task<List<(int Status, string? Attempts)>?> RowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={gateway.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, attempts FROM request_log";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string?)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        return rows;
    }
}
