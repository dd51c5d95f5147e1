using System.Diagnostics;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary><c>telemetry.traces.sampleRatio</c> 0: new traces are dropped, a caller's sampled trace is kept.</summary>
[Collection(TracedGateways.Name)]
public sealed class TraceSamplingTests(UnsampledTracingFixture gateway) : IClassFixture<UnsampledTracingFixture>
{
    private const string Chat = """{"model":"plain-model","messages":[{"role":"user","content":"hi"}],"max_tokens":20}""";

    [Fact]
    public async Task Chat_RatioZero_ExportsNoNewTraceButKeepsTheCallersSampledOne()
    {
        var (traceId, callerSpanId, traceParent) = TracingFixture.NewTraceParent();

        using var untraced = await gateway.ChatAsync(Chat, new Dictionary<string, string>());
        using var traced = await gateway.ChatAsync(Chat, new Dictionary<string, string> { ["traceparent"] = traceParent });

        // Spans leave in the order they end: once the second request's are in, the first's would have been too.
        var trace = await gateway.Receiver.WaitForTraceAsync(traceId, spans => spans.Any(TracesTests.IsRequestSpan), TestContext.Current.CancellationToken);
        var request = Assert.Single(trace, TracesTests.IsRequestSpan);
        Assert.Equal(callerSpanId, request.ParentSpanId);
        Assert.Equal(Infrastructure.Billing.RequestId(traced), request.Text("tollway.request_id"));
        Assert.Contains(trace, span => span.Kind == ActivityKind.Client && span.ParentSpanId == request.SpanId);
        // Nothing else at all: not the first request, nor the fake provider's server spans (new traces, sampled at 0).
        Assert.All(gateway.Receiver.Spans, span => Assert.Equal(traceId, span.TraceId));
    }
}
