using System.Diagnostics;
using System.Net;
using System.Text;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Otlp;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Telemetry;

/// <summary>The request's spans as an OTLP collector receives them: the request's span with a child per stage and per
/// attempt, in the caller's trace, and nothing in them a caller or a provider would not want read.</summary>
[Collection(TracedGateways.Name)]
public sealed class TracesTests(TracingFixture gateway) : IClassFixture<TracingFixture>
{
    private const string PromptCanary = "PROMPT-CANARY-5d1e0c7b a question nobody else asks";

    private static string Chat(string model, bool stream = false, string prompt = "hi") =>
        $$"""{"model":"{{model}}",{{(stream ? "\"stream\":true," : "")}}"messages":[{"role":"user","content":"{{prompt}}"}],"max_tokens":50}""";

    [Fact]
    public async Task Chat_FailoverInTheCallersTrace_ExportsTheRequestSpanWithItsStagesAndBothAttempts()
    {
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));
        gateway.Backup.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(5, 10)));
        var (traceId, callerSpanId, traceParent) = TracingFixture.NewTraceParent();

        using var response = await gateway.ChatAsync(Chat("duo"), new Dictionary<string, string> { ["traceparent"] = traceParent });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = Infrastructure.Billing.RequestId(response);
        var trace = await gateway.Receiver.WaitForTraceAsync(traceId, spans => spans.Count >= 7 && spans.Any(IsRequestSpan),
            TestContext.Current.CancellationToken);
        Assert.Equal(7, trace.Count);

        // The request's span continues the caller's: same trace, the caller's span as its parent.
        var request = Assert.Single(trace, IsRequestSpan);
        Assert.Equal(callerSpanId, request.ParentSpanId);
        Assert.Equal(requestId, request.Text("tollway.request_id"));
        Assert.Equal("chat", request.Text("gen_ai.operation.name"));
        Assert.Equal("duo", request.Text("gen_ai.request.model"));
        Assert.Equal("backup", request.Text("gen_ai.provider.name"));
        Assert.Equal(200, request.Number("tollway.status"));

        var children = trace.Where(span => span.ParentSpanId == request.SpanId).ToList();
        Assert.Equal(["auth", "chat duo", "chat duo", "hold", "settle"], children.Select(span => span.Name).Order(StringComparer.Ordinal));
        Assert.All(children, span => Assert.Equal("Tollway.Gateway", span.Scope));
        Assert.Equal("balance", Single(children, "hold").Text("tollway.payment"));
        Assert.True(Single(children, "hold").Number("tollway.hold.nano_usd") > 0);

        var attempts = children.Where(span => span.Kind == ActivityKind.Client).OrderBy(span => span.Number("tollway.attempt")).ToList();
        AssertAttempt(attempts[0], 1, "primary", 503);
        Assert.Equal("503", attempts[0].Text("error.type"));
        Assert.Equal("server_error", attempts[0].Text("tollway.retry.reason"));
        Assert.Equal(ActivityStatusCode.Error, attempts[0].Status);
        AssertAttempt(attempts[1], 2, "backup", 200);
        Assert.Null(attempts[1].Text("tollway.retry.reason"));
        Assert.Null(attempts[1].Text("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, attempts[1].Status);
        Assert.Equal(5, attempts[1].Number("gen_ai.usage.input_tokens"));
        Assert.Equal(10, attempts[1].Number("gen_ai.usage.output_tokens"));

        // The relay belongs to the attempt whose answer went out; the settle span says what the ledger charged.
        var relay = Assert.Single(trace, span => span.Name == "relay");
        Assert.Equal(attempts[1].SpanId, relay.ParentSpanId);
        Assert.Equal(200, relay.Number("tollway.status"));
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, requestId);
        Assert.Equal(charge!.Total, Single(children, "settle").Number("tollway.cost.nano_usd"));
    }

    [Fact]
    public async Task Requests_WithAPromptAndKeys_ExportNoPromptNoAnswerAndNoKey()
    {
        var wrongKey = "tw-" + new string('Q', 40);
        var traces = new List<string>();
        async Task SendAsync(string json, string? key = null, params UpstreamFault[] faults)
        {
            foreach (var fault in faults)
            {
                gateway.Upstream.Enqueue(fault);
            }

            var (traceId, _, traceParent) = TracingFixture.NewTraceParent();
            traces.Add(traceId);
            using var response = await gateway.ChatAsync(json, new Dictionary<string, string> { ["traceparent"] = traceParent }, key);
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }

        await SendAsync(Chat("duo", prompt: PromptCanary), faults: UpstreamFault.WithBody(503, $$$"""{"error":{"message":"bad key {{{GatewayFixture.UpstreamApiKey}}}"}}"""));
        await SendAsync(Chat("duo", stream: true, prompt: PromptCanary));
        await SendAsync(Chat("plain-model", prompt: PromptCanary), wrongKey);

        foreach (var traceId in traces)
        {
            await gateway.Receiver.WaitForTraceAsync(traceId, spans => spans.Any(IsRequestSpan), TestContext.Current.CancellationToken);
        }

        string[] secrets = ["PROMPT-CANARY", "Hello from the fake upstream", gateway.UserKey, GatewayFixture.UpstreamApiKey, wrongKey];
        var exported = string.Join('\n', gateway.Receiver.Spans.Select(Describe))
            + string.Join('\n', gateway.Receiver.Bodies.Select(body => Encoding.UTF8.GetString(body)));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, exported, StringComparison.Ordinal));
        // The receiver's own requests are not traced: the spans searched are the gateway's and its providers'.
        Assert.DoesNotContain(gateway.Receiver.Spans, span => span.Text("url.path") == "/v1/traces");
    }

    [Fact]
    public async Task Chat_CallerSaysNotSampled_ExportsNothingOfIt()
    {
        var (unsampled, _, notSampled) = TracingFixture.NewTraceParent(sampled: false);
        var (sampled, _, traceParent) = TracingFixture.NewTraceParent();

        using var first = await gateway.ChatAsync(Chat("plain-model"), new Dictionary<string, string> { ["traceparent"] = notSampled });
        using var second = await gateway.ChatAsync(Chat("plain-model"), new Dictionary<string, string> { ["traceparent"] = traceParent });

        // Spans leave in the order they end: once the second request's are in, the first's would have been too.
        await gateway.Receiver.WaitForTraceAsync(sampled, spans => spans.Any(IsRequestSpan), TestContext.Current.CancellationToken);
        var firstId = Infrastructure.Billing.RequestId(first);
        Assert.DoesNotContain(gateway.Receiver.Spans, span => span.TraceId == unsampled || span.Text("tollway.request_id") == firstId);
    }

    internal static bool IsRequestSpan(ReceivedSpan span) => span.Kind == ActivityKind.Server && span.Text("tollway.request_id") is not null;

    private static ReceivedSpan Single(IEnumerable<ReceivedSpan> spans, string name) => Assert.Single(spans, span => span.Name == name);

    private static void AssertAttempt(ReceivedSpan attempt, int number, string provider, int status)
    {
        Assert.Equal(number, attempt.Number("tollway.attempt"));
        Assert.Equal(provider, attempt.Text("gen_ai.provider.name"));
        Assert.Equal($"{provider}/duo", attempt.Text("tollway.endpoint"));
        Assert.Equal("duo", attempt.Text("gen_ai.request.model"));
        Assert.Equal(status, attempt.Number("http.response.status_code"));
    }

    /// <summary>Everything a span says: its name, attributes (keys and values), events and status.</summary>
    private static string Describe(ReceivedSpan span) =>
        $"{span.Name} {span.TraceState} {span.StatusMessage} {Flatten(span.Attributes)} " +
        string.Join(' ', span.Events.Select(e => $"{e.Name} {Flatten(e.Attributes)}"));

    private static string Flatten(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> map => string.Join(' ', map.Select(pair => $"{pair.Key}={Flatten(pair.Value)}")),
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        System.Collections.IEnumerable list and not string => string.Join(' ', list.Cast<object?>().Select(Flatten)),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };
}
