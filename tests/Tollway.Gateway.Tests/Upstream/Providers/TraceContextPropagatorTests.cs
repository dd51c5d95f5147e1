using System.Diagnostics;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Upstream.Providers;

public sealed class TraceContextPropagatorTests : IDisposable
{
    private const string CallerParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private readonly ActivitySource _source = new($"{nameof(TraceContextPropagatorTests)}.{Guid.NewGuid():N}");
    private readonly ActivityListener _listener;

    public TraceContextPropagatorTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source == _source,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public void Inject_SpanWithStateAndBaggage_WritesTraceparentAndTracestateOnly()
    {
        using var attempt = _source.StartActivity("attempt", ActivityKind.Client, ActivityContext.Parse(CallerParent, "vendor=caller"))!;
        attempt.AddBaggage("user.id", "alice");

        var headers = Inject(attempt);

        Assert.Equal(["traceparent", "tracestate"], headers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"00-0af7651916cd43dd8448eb211c80319c-{attempt.SpanId.ToHexString()}-01", headers["traceparent"]);
        Assert.Equal("vendor=caller", headers["tracestate"]);
    }

    [Fact]
    public void Inject_HttpClientsOwnSpanUnderTheAttempt_NamesTheAttemptAsTheParent()
    {
        using var attempt = _source.StartActivity("attempt", ActivityKind.Client, ActivityContext.Parse(CallerParent, null))!;
        // What SocketsHttpHandler starts for the request when nobody listens to System.Net.Http: a span no exporter sees.
        using var httpClient = new Activity("System.Net.Http.HttpRequestOut").Start();

        var headers = Inject(httpClient);

        Assert.Equal(attempt.Id, headers["traceparent"]);
        Assert.False(headers.ContainsKey("tracestate"));
    }

    [Fact]
    public void Inject_NoSpan_WritesNothing() => Assert.Empty(Inject(null));

    [Fact]
    public void Fields_AreTheTraceContextsOnly() =>
        Assert.Equal(["traceparent", "tracestate"], TraceContextPropagator.Instance.Fields);

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }

    private static Dictionary<string, string> Inject(Activity? activity)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        TraceContextPropagator.Instance.Inject(activity, headers, static (carrier, name, value) => ((Dictionary<string, string>)carrier!)[name] = value);
        return headers;
    }
}
