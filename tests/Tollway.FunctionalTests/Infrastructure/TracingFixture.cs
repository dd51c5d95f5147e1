using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Testing.Otlp;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// The gateway exporting its traces over OTLP/HTTP protobuf to an in-process receiver (<see cref="Receiver"/>), named
/// by the standard <c>OTEL_*</c> variables as an operator would, with retries on. Providers: <c>primary</c> (the
/// fixture's upstream), <c>backup</c> (<see cref="Backup"/>) and <c>traced</c> (<see cref="Traced"/>, the only one with
/// <c>propagateTraceContext</c>). Models: <c>duo</c> (primary then backup), <c>plain-model</c> (primary) and
/// <c>traced-model</c> (traced). Tests using it belong to the <see cref="TracedGateways"/>.
/// </summary>
public class TracingFixture : GatewayFixture
{
    public OtlpReceiver Receiver { get; private set; } = null!;

    public FakeOpenAiUpstream Backup { get; private set; } = null!;

    public FakeOpenAiUpstream Traced { get; private set; } = null!;

    /// <summary>The share of new traces kept (<c>telemetry.traces.sampleRatio</c>).</summary>
    protected virtual double SampleRatio => 1;

    protected override IEnvironmentVariables EnvironmentVariables => new TestEnvironmentVariables(new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Receiver.Endpoint.GetLeftPart(UriPartial.Authority),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        // Exports every 100 ms, so that a test waits for its spans a fraction of a second.
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
    });

    public override async ValueTask InitializeAsync()
    {
        Receiver = await OtlpReceiver.StartAsync();
        Backup = await FakeOpenAiUpstream.StartAsync();
        Traced = await FakeOpenAiUpstream.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Traced.DisposeAsync();
        await Backup.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    /// <summary>A new W3C trace id and the <c>traceparent</c> of a caller's span in it.</summary>
    public static (string TraceId, string ParentId, string TraceParent) NewTraceParent(bool sampled = true)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var parentId = ActivitySpanId.CreateRandom().ToHexString();
        return (traceId, parentId, $"00-{traceId}-{parentId}-{(sampled ? "01" : "00")}");
    }

    /// <summary>A chat completion with the user's key and the given extra headers (a <c>traceparent</c>, say).</summary>
    public Task<HttpResponseMessage> ChatAsync(string json, IReadOnlyDictionary<string, string> headers, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key ?? UserKey);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return Http.SendAsync(request);
    }

    protected override Dictionary<string, string?> Configuration()
    {
        var configuration = base.Configuration();
        configuration["Telemetry:Traces:SampleRatio"] = SampleRatio.ToString(CultureInfo.InvariantCulture);
        configuration["Routing:MaxAttempts"] = "3";
        configuration["Routing:BackoffBase"] = "00:00:00.010";
        AddProvider(configuration, "primary", Upstream);
        AddProvider(configuration, "backup", Backup);
        AddProvider(configuration, "traced", Traced);
        configuration["Providers:traced:PropagateTraceContext"] = "true";
        AddModel(configuration, "duo", "primary", "backup");
        AddModel(configuration, "plain-model", "primary");
        AddModel(configuration, "traced-model", "traced");
        return configuration;
    }

    private static void AddProvider(Dictionary<string, string?> configuration, string name, FakeOpenAiUpstream upstream)
    {
        configuration[$"Providers:{name}:Preset"] = "openai";
        configuration[$"Providers:{name}:BaseUrl"] = upstream.BaseUrl.ToString();
        configuration[$"Providers:{name}:ApiKey"] = UpstreamApiKey;
    }

    /// <summary>A model served by the providers in order, each at $1 per million tokens in and $2 out.</summary>
    private static void AddModel(Dictionary<string, string?> configuration, string model, params string[] providers)
    {
        configuration[$"Models:{model}:Strategy"] = "ordered";
        for (var i = 0; i < providers.Length; i++)
        {
            configuration[$"Models:{model}:Endpoints:{i}:Provider"] = providers[i];
            configuration[$"Models:{model}:Endpoints:{i}:Model"] = model;
            configuration[$"Models:{model}:Endpoints:{i}:Pricing:Input"] = "1";
            configuration[$"Models:{model}:Endpoints:{i}:Pricing:Output"] = "2";
        }
    }
}
