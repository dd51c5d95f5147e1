using System.Diagnostics;
using System.Net;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>The trace context goes upstream only to a provider configured with <c>propagateTraceContext</c>, and baggage
/// to none.</summary>
[Collection(TracedGateways.Name)]
public sealed class TracePropagationTests(TracingFixture gateway) : IClassFixture<TracingFixture>
{
    private const string Chat = """{"model":"MODEL","messages":[{"role":"user","content":"hi"}],"max_tokens":20}""";

    private static readonly string[] TraceHeaders = ["traceparent", "tracestate", "baggage", "Correlation-Context", "Request-Id"];

    [Fact]
    public async Task Chat_ProviderThatPropagates_GetsTheAttemptsTraceparentAndTracestateButNoBaggage()
    {
        var (traceId, _, traceParent) = TracingFixture.NewTraceParent();

        using var response = await gateway.ChatAsync(Chat.Replace("MODEL", "traced-model", StringComparison.Ordinal), CallerHeaders(traceParent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gateway.Traced.Requests).Headers;
        var trace = await gateway.Receiver.WaitForTraceAsync(traceId, spans => spans.Any(TracesTests.IsRequestSpan), TestContext.Current.CancellationToken);
        var attempt = Assert.Single(trace, span => span.Kind == ActivityKind.Client && span.Text("gen_ai.provider.name") == "traced");
        // The provider's parent is the attempt's span, in the caller's trace, sampled as the caller asked.
        Assert.Equal($"00-{traceId}-{attempt.SpanId}-01", sent["traceparent"]);
        Assert.Equal("vendor=caller", sent["tracestate"]);
        Assert.False(sent.ContainsKey("baggage"));
        Assert.False(sent.ContainsKey("Correlation-Context"));
        Assert.False(sent.ContainsKey("Request-Id"));
    }

    [Fact]
    public async Task Chat_ProviderThatDoesNotPropagate_GetsNoTraceHeaderAtAll()
    {
        var (traceId, _, traceParent) = TracingFixture.NewTraceParent();
        var before = gateway.Upstream.Requests.Count;

        using var response = await gateway.ChatAsync(Chat.Replace("MODEL", "plain-model", StringComparison.Ordinal), CallerHeaders(traceParent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = Assert.Single(gateway.Upstream.Requests.Skip(before)).Headers;
        // The request was traced all the same: only the provider is left out of it.
        await gateway.Receiver.WaitForTraceAsync(traceId, spans => spans.Any(span => span.Kind == ActivityKind.Client), TestContext.Current.CancellationToken);
        Assert.All(TraceHeaders, header => Assert.False(sent.ContainsKey(header), $"{header}: {sent.GetValueOrDefault(header)}"));
    }

    private static Dictionary<string, string> CallerHeaders(string traceParent) => new()
    {
        ["traceparent"] = traceParent,
        ["tracestate"] = "vendor=caller",
        ["baggage"] = "user.id=alice,session=s-1",
        ["Correlation-Context"] = "user.id=alice",
    };
}
