using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// A <c>tollway serve</c> process on a free loopback port, with the calls a multi-process test needs: readiness,
/// the admin key it printed, and an account funded through the admin API.
/// </summary>
public sealed partial class ServedGateway : IAsyncDisposable
{
    private ServedGateway(TollwayProcess process, Uri baseUrl)
    {
        Process = process;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    public TollwayProcess Process { get; }

    public Uri BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>The admin key this process printed, if it was the one that bootstrapped the database.</summary>
    public string? PrintedAdminKey => AdminKeyPattern().Match(Process.Output) is { Success: true } match ? match.Value : null;

    /// <summary>Writes a config for a gateway in front of <paramref name="upstreamBaseUrl"/> with one model, <c>flat</c>
    /// (free prompts, $1 per million output tokens), and starts it.</summary>
    public static async Task<ServedGateway> StartAsync(
        string directory, Uri upstreamBaseUrl, IReadOnlyDictionary<string, string>? environment = null, string leaseTtl = "00:00:02")
    {
        var port = TollwayProcess.FreePort();
        var config = Path.Combine(directory, $"tollway-{port}.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "server": { "urls": "http://127.0.0.1:{{port}}" },
              "database": { "sqlitePath": "{{Path.Combine(directory, "tollway.db")}}" },
              "billing": { "leaseTtl": "{{leaseTtl}}", "leaseChunkUsd": "0.001" },
              "requestLog": { "flushInterval": "00:00:00.050" },
              "providers": { "fake": { "preset": "vllm", "baseUrl": "{{upstreamBaseUrl}}" } },
              "models": { "flat": { "endpoints": [ { "provider": "fake", "pricing": { "input": "0", "output": "1" } } ] } }
            }
            """);
        var gateway = new ServedGateway(TollwayProcess.Start(directory, environment, "serve", "--config", config), new Uri($"http://127.0.0.1:{port}"));
        await gateway.WaitReadyAsync();
        return gateway;
    }

    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        Assert.Fail($"tollway serve did not become ready.\nstdout:\n{Process.Output}\nstderr:\n{Process.Error}");
    }

    /// <summary>Waits (at most ten seconds) until this node accepts a key made on another one.</summary>
    public async Task WaitForKeyAsync(string key)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/v1/models", UriKind.Relative));
            request.Headers.Authorization = new("Bearer", key);
            using var response = await Http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The node still refuses the key: {(int)response.StatusCode}.");
            await Task.Delay(50);
        }
    }

    /// <summary>Creates an account credited with <paramref name="usd"/> and a key for it; returns (key, account id).</summary>
    public async Task<(string Key, string AccountId)> CreateFundedAccountAsync(string adminKey, string usd)
    {
        var account = await SendAsync(adminKey, HttpMethod.Post, "/admin/v1/accounts", new { name = "load" });
        var accountId = account.GetProperty("id").GetString()!;
        await SendAsync(adminKey, HttpMethod.Post, $"/admin/v1/accounts/{accountId}/credits", new { amount_usd = usd, reason = "test", idempotency_key = "t1" });
        var key = await SendAsync(adminKey, HttpMethod.Post, "/admin/v1/keys", new { account_id = accountId });
        return (key.GetProperty("key").GetString()!, accountId);
    }

    public async Task<JsonElement> SendAsync(string key, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A chat request on <c>flat</c> worth its whole hold when the fake reports 1,000 output tokens ($0.001).</summary>
    public async Task<(HttpStatusCode Status, string? RequestId, string? Cost)> ChatAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative))
        {
            Content = new StringContent("""{"model":"flat","messages":[{"role":"user","content":"go"}],"max_tokens":1000}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", key);
        using var response = await Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return (response.StatusCode,
            response.Headers.TryGetValues("X-Request-Id", out var id) ? id.Single() : null,
            response.Headers.TryGetValues("x-tollway-cost", out var cost) ? cost.Single() : null);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }

    [GeneratedRegex("tw-[0-9A-Za-z]{40}")]
    private static partial Regex AdminKeyPattern();
}
