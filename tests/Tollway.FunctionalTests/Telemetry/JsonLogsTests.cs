using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>
/// <c>Telemetry:Logs:Format=json</c> on a real <c>tollway serve</c>: every line on standard output is one JSON object, and
/// a line logged while a request is handled carries the request's id (its <c>X-Request-Id</c>) and its trace id (the
/// caller's, from <c>traceparent</c>); no line holds the prompt or a key.
/// </summary>
public sealed class JsonLogsTests : IAsyncLifetime
{
    private const string Prompt = "PROMPT-TEXT-never-logged-5d1e";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"));
    private FakeOpenAiUpstream _upstream = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _upstream = await FakeOpenAiUpstream.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _upstream.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Serve_JsonLogs_EveryLineIsJsonAndARequestsLinesCarryItsRequestIdAndTraceId()
    {
        // The first start shows the operator's admin key on standard output, for a person, not as a log line.
        string adminKey;
        await using (var first = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl))
        {
            adminKey = first.PrintedAdminKey!;
        }

        await using var gateway = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl, new Dictionary<string, string> { ["TOLLWAY_Telemetry__Logs__Format"] = "json" });
        var (key, _) = await gateway.CreateFundedAccountAsync(adminKey, "1");
        const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        _upstream.Enqueue(new UpstreamFault { ResetConnection = true });

        var requestId = await PostChatAsync(gateway, key, $"00-{TraceId}-00f067aa0ba902b7-01");
        var line = await WaitForLineAsync(gateway, json => json.GetProperty("EventId").GetInt32() == 2001);

        Assert.Equal(requestId, ScopeValue(line, "RequestId"));
        Assert.Equal(TraceId, ScopeValue(line, "TraceId"));
        Assert.Matches("^[0-9a-f]{16}$", ScopeValue(line, "SpanId"));
        Assert.All(LogLines(gateway), json => Assert.Equal(JsonValueKind.String, json.GetProperty("LogLevel").ValueKind));
        Assert.DoesNotContain(Prompt, gateway.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(key, gateway.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(adminKey, gateway.Process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_JsonLogsAndNoTraceparent_ARequestsLinesCarryAFreshTraceId()
    {
        await using var gateway = await ServedGateway.StartAsync(_directory, _upstream.BaseUrl, new Dictionary<string, string> { ["TOLLWAY_Telemetry__Logs__Format"] = "json" });
        var adminKey = gateway.PrintedAdminKey!;
        var (key, _) = await gateway.CreateFundedAccountAsync(adminKey, "1");
        _upstream.Enqueue(new UpstreamFault { ResetConnection = true });

        var requestId = await PostChatAsync(gateway, key, traceparent: null);
        var line = await WaitForLineAsync(gateway, json => json.GetProperty("EventId").GetInt32() == 2001);

        Assert.Equal(requestId, ScopeValue(line, "RequestId"));
        Assert.Matches("^[0-9a-f]{32}$", ScopeValue(line, "TraceId"));
        Assert.NotEqual(new string('0', 32), ScopeValue(line, "TraceId"));
    }

    private static async Task<string> PostChatAsync(ServedGateway gateway, string key, string? traceparent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/chat/completions", UriKind.Relative))
        {
            Content = new StringContent($$"""{"model":"flat","max_tokens":8,"messages":[{"role":"user","content":"{{Prompt}}"}]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", key);
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var response = await gateway.Http.SendAsync(request, Ct);
        Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
        return response.Headers.GetValues("X-Request-Id").Single();
    }

    /// <summary>The log lines written since the process started: everything on standard output but the first start's
    /// banner (which only the process that created the database prints).</summary>
    private static List<JsonElement> LogLines(ServedGateway gateway)
    {
        var lines = gateway.Process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var banner = gateway.PrintedAdminKey is null ? [] : BannerLines(lines);
        return [.. lines.Except(banner).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private static string[] BannerLines(string[] lines) =>
        [.. lines.Where(line => !line.StartsWith('{'))];

    private static async Task<JsonElement> WaitForLineAsync(ServedGateway gateway, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var found = LogLines(gateway).FirstOrDefault(match);
            if (found.ValueKind != JsonValueKind.Undefined)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "No such line:\n" + gateway.Process.Output + "\nstderr:\n" + gateway.Process.Error);
            await Task.Delay(50, Ct);
        }
    }

    private static string? ScopeValue(JsonElement line, string name) =>
        line.GetProperty("Scopes").EnumerateArray()
            .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out _))
            .Select(scope => scope.GetProperty(name).GetString())
            .SingleOrDefault();
}
