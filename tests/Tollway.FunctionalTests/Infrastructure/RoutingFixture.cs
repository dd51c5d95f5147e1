using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway with retries on, in front of two fake providers: <c>primary</c> (the fixture's upstream) and
/// <c>backup</c>. Models: <c>duo</c>, <c>duo-4xx</c>, <c>duo-key</c>, <c>duo-stream</c> (ordered: primary then backup;
/// backup twice the price), <c>cheap-last</c>
/// (cheapest strategy, the cheaper endpoint listed second), <c>dead-first</c> (nothing listens on the first endpoint),
/// <c>solo</c> (primary only, to retry one endpoint), and <c>leaving-timeout</c> and <c>leaving-error</c> (ordered:
/// <c>leaving-primary</c>, the primary with a 2 s first-byte timeout, then backup) for clients that leave.
/// </summary>
public sealed class RoutingFixture : GatewayFixture
{
    /// <summary>Models reserved per strategy for the chaos suite (one per scenario).</summary>
    public const int ChaosScenarios = 12;

    public FakeOpenAiUpstream Backup { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        Backup = await FakeOpenAiUpstream.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Backup.DisposeAsync();
    }

    public void ResetUpstreams()
    {
        Upstream.Reset();
        Backup.Reset();
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Routing:MaxAttempts"] = "3";
        configuration["Routing:BackoffBase"] = "00:00:00.010";
        configuration["Routing:BackoffCap"] = "00:00:02";
        configuration["Providers:primary:Preset"] = "openai";
        configuration["Providers:primary:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:primary:ApiKey"] = UpstreamApiKey;
        configuration["Providers:backup:Preset"] = "openai";
        configuration["Providers:backup:BaseUrl"] = Backup.BaseUrl.ToString();
        configuration["Providers:backup:ApiKey"] = UpstreamApiKey;
        // One model per scenario: health is kept per endpoint (provider and upstream model), and one test's failures
        // must not reorder another's endpoints.
        foreach (var duo in new[] { "duo", "duo-4xx", "duo-key", "duo-stream" })
        {
            AddModel(configuration, duo, "ordered", ("primary", "1", "1"), ("backup", "2", "2"));
        }

        AddModel(configuration, "cheap-last", "cheapest", ("primary", "3", "3"), ("backup", "1", "1"));
        AddModel(configuration, "dead-first", "ordered", ("dead", "1", "1"), ("backup", "1", "1"));
        AddModel(configuration, "solo", "ordered", ("primary", "1", "1"));
        foreach (var duo in new[] { "pref-only", "pref-ignore", "pref-order", "pref-pinned", "pref-price", "pref-max" })
        {
            AddModel(configuration, duo, "ordered", ("primary", "1", "1"), ("backup", "2", "2"));
        }

        AddModel(configuration, "pricy-first", "ordered", ("primary", "3", "3"), ("backup", "1", "1"));
        AddModel(configuration, "private", "ordered", ("primary", "1", "1"), ("backup", "2", "2"));
        configuration["Models:private:Endpoints:0:DataPolicy"] = "trains";
        configuration["Models:private:Endpoints:1:DataPolicy"] = "zero-retention";
        AddModel(configuration, "retaining", "ordered", ("primary", "1", "1"), ("backup", "1", "1"));
        configuration["Models:retaining:Endpoints:0:DataPolicy"] = "no-training";
        AddModel(configuration, "tools-split", "ordered", ("primary", "1", "1"), ("backup", "1", "1"));
        configuration["Models:tools-split:Endpoints:0:SupportsTools"] = "false";
        AddModel(configuration, "vision-split", "ordered", ("primary", "1", "1"), ("backup", "1", "1"));
        configuration["Models:vision-split:Endpoints:0:SupportsVision"] = "false";
        AddModel(configuration, "dead-only", "ordered", ("dead", "1", "1"));
        AddModel(configuration, "fallback", "ordered", ("backup", "1", "1"));
        configuration["Models:fallback:Aliases:0"] = "fallback-latest";
        // auto: the cheap model has a small context and no tools; the dear one has both.
        AddModel(configuration, "auto-dear", "ordered", ("primary", "5", "5"));
        configuration["Models:auto-dear:Endpoints:0:SupportsTools"] = "true";
        AddModel(configuration, "auto-cheap", "ordered", ("backup", "1", "1"));
        configuration["Models:auto-cheap:Endpoints:0:SupportsTools"] = "false";
        configuration["Models:auto-cheap:Endpoints:0:ContextLength"] = "200";
        // Key rotation: a provider of its own per scenario, since resting keys belong to the provider.
        foreach (var rotated in new[] { "rotated-429", "rotated-401" })
        {
            configuration[$"Providers:{rotated}:Preset"] = "openai";
            configuration[$"Providers:{rotated}:BaseUrl"] = Upstream.BaseUrl.ToString();
            configuration[$"Providers:{rotated}:ApiKeys:0"] = "sk-rotating-ONE";
            configuration[$"Providers:{rotated}:ApiKeys:1"] = "sk-rotating-TWO";
            AddModel(configuration, rotated, "ordered", (rotated, "1", "1"));
        }

        // Chaos: a primary with a short first-byte timeout; one model per scenario and strategy, so health stays apart.
        configuration["Providers:chaos-primary:Preset"] = "openai";
        configuration["Providers:chaos-primary:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:chaos-primary:ApiKey"] = UpstreamApiKey;
        configuration["Providers:chaos-primary:Timeouts:FirstByte"] = "00:00:00.300";
        configuration["Providers:chaos-primary:Timeouts:Total"] = "00:00:10";
        foreach (var strategy in new[] { "ordered", "cheapest" })
        {
            for (var i = 0; i < ChaosScenarios; i++)
            {
                AddModel(configuration, $"chaos-{strategy}-{i}", strategy, ("chaos-primary", "1", "1"), ("backup", "2", "2"));
            }
        }

        // Clients that leave while the provider thinks: a first-byte timeout long enough to see them go before it passes.
        configuration["Providers:leaving-primary:Preset"] = "openai";
        configuration["Providers:leaving-primary:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:leaving-primary:ApiKey"] = UpstreamApiKey;
        configuration["Providers:leaving-primary:Timeouts:FirstByte"] = "00:00:02";
        configuration["Providers:leaving-primary:Timeouts:Total"] = "00:00:10";
        AddModel(configuration, "leaving-timeout", "ordered", ("leaving-primary", "1", "1"), ("backup", "2", "2"));
        AddModel(configuration, "leaving-error", "ordered", ("leaving-primary", "1", "1"), ("backup", "2", "2"));

        configuration["Routing:AutoModels:0"] = "auto-dear";
        configuration["Routing:AutoModels:1"] = "auto-cheap";
        return configuration;
    }

    /// <summary>Adds a model whose endpoints are the providers given, each serving it under its own name.</summary>
    internal static void AddModel(Dictionary<string, string?> configuration, string model, string strategy, params (string Provider, string Input, string Output)[] endpoints)
    {
        configuration[$"Models:{model}:Strategy"] = strategy;
        for (var i = 0; i < endpoints.Length; i++)
        {
            configuration[$"Models:{model}:Endpoints:{i}:Provider"] = endpoints[i].Provider;
            configuration[$"Models:{model}:Endpoints:{i}:Model"] = model;
            configuration[$"Models:{model}:Endpoints:{i}:Pricing:Input"] = endpoints[i].Input;
            configuration[$"Models:{model}:Endpoints:{i}:Pricing:Output"] = endpoints[i].Output;
        }
    }
}
