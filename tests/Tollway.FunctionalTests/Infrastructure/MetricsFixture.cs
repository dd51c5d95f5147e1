using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway for the metrics suite, with providers and models of its own (<c>m-primary</c>, <c>m-backup</c>,
/// <c>m-dead</c>; <c>m-chat</c>, <c>m-duo</c> ordered primary then backup, <c>m-dead</c>) so the label values it checks are
/// its own, and retries on.
/// </summary>
public sealed class MetricsFixture : GatewayFixture
{
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

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Routing:MaxAttempts"] = "3";
        configuration["Billing:MarkupPercent"] = "12.5";
        configuration["Routing:BackoffBase"] = "00:00:00.010";
        configuration["Routing:BackoffCap"] = "00:00:00.100";
        configuration["Providers:m-primary:Preset"] = "openai";
        configuration["Providers:m-primary:BaseUrl"] = Upstream.BaseUrl.ToString();
        configuration["Providers:m-primary:ApiKey"] = UpstreamApiKey;
        configuration["Providers:m-backup:Preset"] = "openai";
        configuration["Providers:m-backup:BaseUrl"] = Backup.BaseUrl.ToString();
        configuration["Providers:m-backup:ApiKey"] = UpstreamApiKey;
        configuration["Providers:m-dead:Preset"] = "vllm";
        configuration["Providers:m-dead:BaseUrl"] = "http://127.0.0.1:9/v1";
        RoutingFixture.AddModel(configuration, "m-chat", "ordered", ("m-primary", "1.5", "3"));
        configuration["Models:m-chat:Endpoints:0:Pricing:CachedInput"] = "0.5";
        RoutingFixture.AddModel(configuration, "m-duo", "ordered", ("m-primary", "1", "1"), ("m-backup", "2", "2"));
        RoutingFixture.AddModel(configuration, "m-dead", "ordered", ("m-dead", "1", "1"));
        return configuration;
    }
}
