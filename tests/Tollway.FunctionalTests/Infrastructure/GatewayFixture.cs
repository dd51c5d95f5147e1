using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Wire;
using Tollway.Hosting;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The real gateway host on Kestrel (loopback, free port, its own SQLite file) in front of a fake OpenAI upstream,
/// also on Kestrel. Models: <c>gpt-4o-mini</c> (same id upstream), <c>house-model</c> (renamed to
/// <c>upstream-model-v2</c>), <c>text-embedding-3-small</c>, <c>azure-gpt</c> (Azure preset, deployment
/// <c>my-deployment</c>), <c>dead-model</c> (nothing listens), <c>slow-model</c> (first-byte timeout 500 ms) and
/// <c>trickle-model</c> (total timeout 1.5 s).
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    /// <summary>The fake provider's own key: it must never leave the gateway except towards the provider.</summary>
    public const string UpstreamApiKey = "sk-upstream-SECRET-7c1f0b2e9d";

    public const string AzureApiKey = "azure-SECRET-51aa0c";

    private WebApplication? _app;

    public FakeOpenAiUpstream Upstream { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    public StringWriter StandardOutput { get; } = new();

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "tollway-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Directory, "tollway.db");

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The admin key printed on first start.</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>A user key of a fresh account, created through the admin API.</summary>
    public string UserKey { get; private set; } = "";

    public IServiceProvider Services => _app!.Services;

    /// <summary>The gateway's clock; <see langword="null"/> for the system clock.</summary>
    protected virtual TimeProvider? Clock => null;

    /// <summary>The environment the gateway reads (keys named by <c>ApiKeyEnv</c>, the <c>OTEL_*</c> variables);
    /// <see langword="null"/> for the process's.</summary>
    protected virtual IEnvironmentVariables? EnvironmentVariables => null;

    /// <summary>Changes the gateway's services once all are registered (a subclass replaces one); nothing by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Every plaintext key this fixture has seen; none may appear in the database or the logs.</summary>
    public List<string> PlaintextKeys { get; } = [];

    public virtual async ValueTask InitializeAsync()
    {
        Upstream = await FakeOpenAiUpstream.StartAsync();
        var settings = new GatewayHostSettings
        {
            Overrides = Configuration(),
            Output = StandardOutput,
            LoggerProvider = Logs,
            TimeProvider = Clock,
            Environment = EnvironmentVariables,
            ConfigureServices = ConfigureServices,
        };
        _app = GatewayHost.Build(settings);
        await GatewayHost.StartAsync(_app, settings, CancellationToken.None);
        BaseUrl = new Uri(GatewayHost.ListeningUrls(_app)[0]);
        AdminKey = System.Text.RegularExpressions.Regex.Match(StandardOutput.ToString(), @"tw-[A-Za-z0-9]{40}").Value;
        PlaintextKeys.Add(AdminKey);
        UserKey = await CreateUserKeyAsync("functional tests");
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Upstream.DisposeAsync();
        Http.Dispose();
        if (Environment.GetEnvironmentVariable("TWTEST_LOGS") is { Length: > 0 } logDirectory)
        {
            System.IO.Directory.CreateDirectory(logDirectory);
            await File.WriteAllTextAsync(Path.Combine(logDirectory, $"{GetType().Name}-{Guid.NewGuid():N}.log"), Logs.AllText);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection is left to the temp directory's own cleanup.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Creates an account with $10 on it and a key for it; returns the plaintext key.</summary>
    public async Task<string> CreateUserKeyAsync(string accountName, params string[] allowedModels) =>
        (await CreateFundedKeyAsync(accountName, "10", allowedModels)).Key;

    /// <summary>Creates an account credited with <paramref name="usd"/> and a key for it.</summary>
    public async Task<(string Key, string AccountId, string KeyId)> CreateFundedKeyAsync(string accountName, string usd, params string[] allowedModels)
    {
        var administration = Services.GetRequiredService<AccountAdministration>();
        var account = await administration.CreateAccountAsync(accountName, CancellationToken.None);
        var created = await administration.CreateKeyAsync(
            account.Id, "test key", ApiKeyRole.Inference, allowedModels.Length == 0 ? null : allowedModels, CancellationToken.None);
        PlaintextKeys.Add(created!.PlaintextKey);
        if (UsdAmount.TryParseNanos(usd, out var nanos) && nanos > 0)
        {
            await Services.GetRequiredService<LedgerAdministration>().CreditAsync(account.Id, nanos, "test funds", "fixture", CancellationToken.None);
        }

        return (created.PlaintextKey, account.Id, created.Record.Id);
    }

    /// <summary>A POST to the gateway with a bearer key and a raw JSON body.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string json, string? key = null, bool stream = false) =>
        SendPostAsync(path, json, key, stream, CancellationToken.None);

    /// <summary>A POST as <see cref="PostAsync"/> from a client that leaves (closes its connection) when
    /// <paramref name="leave"/> is cancelled.</summary>
    public Task<HttpResponseMessage> PostUntilLeftAsync(string path, string json, string key, bool stream, CancellationToken leave) =>
        SendPostAsync(path, json, key, stream, leave);

    private Task<HttpResponseMessage> SendPostAsync(string path, string json, string? key, bool stream, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, path))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if ((key ?? UserKey) is { Length: > 0 } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return Http.SendAsync(request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken);
    }

    /// <summary>Reads an OpenAI-shaped error body and checks its shape.</summary>
    public static async Task<JsonElement> ReadErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = body.GetProperty("error");
        Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, error.GetProperty("type").ValueKind);
        Assert.True(error.TryGetProperty("code", out _));
        Assert.True(error.TryGetProperty("param", out _));
        return error;
    }

    protected virtual Dictionary<string, string?> Configuration() => new()
    {
        ["Server:Urls"] = "http://127.0.0.1:0",
        ["Server:MaxRequestBodyBytes"] = "65536",
        ["Database:SqlitePath"] = DatabasePath,
        ["RequestLog:FlushInterval"] = "00:00:00.050",
        // These suites assert what one attempt does; retries and failover have their own fixture (RoutingFixture).
        ["Routing:MaxAttempts"] = "1",
        // The models below are the whole catalog these suites assert on; the shipped catalog has its own fixture.
        ["Catalog:ShippedModels"] = "false",

        ["Providers:fake:Preset"] = "openai",
        ["Providers:fake:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["Providers:fake:ApiKey"] = UpstreamApiKey,

        ["Providers:azure:BaseUrl"] = Upstream.RootUrl.ToString(),
        ["Providers:azure:ApiKey"] = AzureApiKey,
        ["Providers:azure:ApiVersion"] = "2024-10-21",

        ["Providers:dead:Preset"] = "vllm",
        ["Providers:dead:BaseUrl"] = "http://127.0.0.1:9/v1",

        ["Providers:slow:Preset"] = "openai",
        ["Providers:slow:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["Providers:slow:ApiKey"] = UpstreamApiKey,
        ["Providers:slow:Timeouts:FirstByte"] = "00:00:00.500",
        ["Providers:slow:Timeouts:Total"] = "00:00:05",

        ["Providers:trickle:Preset"] = "openai",
        ["Providers:trickle:BaseUrl"] = Upstream.BaseUrl.ToString(),
        ["Providers:trickle:ApiKey"] = UpstreamApiKey,
        ["Providers:trickle:Timeouts:FirstByte"] = "00:00:01",
        ["Providers:trickle:Timeouts:Total"] = "00:00:01.500",

        ["Models:gpt-4o-mini:Endpoints:0:Provider"] = "fake",
        ["Models:gpt-4o-mini:Endpoints:0:ContextLength"] = "128000",
        ["Models:gpt-4o-mini:Endpoints:0:MaxOutputTokens"] = "16384",
        ["Models:gpt-4o-mini:Endpoints:0:Pricing:Input"] = "0.15",
        ["Models:gpt-4o-mini:Endpoints:0:Pricing:Output"] = "0.60",
        ["Models:gpt-4o-mini:Endpoints:0:Pricing:CachedInput"] = "0.075",

        ["Models:house-model:Endpoints:0:Provider"] = "fake",
        ["Models:house-model:Endpoints:0:Pricing:Input"] = "1",
        ["Models:house-model:Endpoints:0:Pricing:Output"] = "2",
        ["Models:house-model:Endpoints:0:Model"] = "upstream-model-v2",

        ["Models:text-embedding-3-small:Type"] = "embedding",
        ["Models:text-embedding-3-small:Endpoints:0:Provider"] = "fake",
        ["Models:text-embedding-3-small:Endpoints:0:Pricing:Input"] = "0.02",
        ["Models:text-embedding-3-small:Endpoints:0:Pricing:Output"] = "0",
        // Free prompts and $1 per million output tokens: a request's worst case is its max_tokens × 1,000 nano-USD, exactly.
        ["Models:flat-model:Endpoints:0:Provider"] = "fake",
        ["Models:flat-model:Endpoints:0:Pricing:Input"] = "0",
        ["Models:flat-model:Endpoints:0:Pricing:Output"] = "1",

        ["Models:azure-gpt:Endpoints:0:Provider"] = "azure",
        ["Models:azure-gpt:Endpoints:0:Pricing:Input"] = "0.15",
        ["Models:azure-gpt:Endpoints:0:Pricing:Output"] = "0.60",
        ["Models:azure-gpt:Endpoints:0:Model"] = "my-deployment",

        ["Models:dead-model:Endpoints:0:Provider"] = "dead",
        ["Models:dead-model:Endpoints:0:Pricing:Input"] = "1",
        ["Models:dead-model:Endpoints:0:Pricing:Output"] = "1",
        ["Models:slow-model:Endpoints:0:Provider"] = "slow",
        ["Models:slow-model:Endpoints:0:Pricing:Input"] = "1",
        ["Models:slow-model:Endpoints:0:Pricing:Output"] = "1",
        ["Models:trickle-model:Endpoints:0:Provider"] = "trickle",
        ["Models:trickle-model:Endpoints:0:Pricing:Input"] = "1",
        ["Models:trickle-model:Endpoints:0:Pricing:Output"] = "1",
    };
}
