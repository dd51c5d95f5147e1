using System.Diagnostics;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>
/// Sends the W3C trace context of the current span to a provider the operator lets see it
/// (<see cref="ProviderOptions.PropagateTraceContext"/>): <c>traceparent</c> and <c>tracestate</c>, nothing else. The
/// runtime's own propagators also send the span's baggage (<c>baggage</c> or <c>Correlation-Context</c>), which carries
/// whatever the caller put in its own: that is not the provider's business.
/// </summary>
internal sealed class TraceContextPropagator : DistributedContextPropagator
{
    public const string TraceParent = "traceparent";

    public const string TraceState = "tracestate";

    private static readonly IReadOnlyCollection<string> Headers = [TraceParent, TraceState];

    public static TraceContextPropagator Instance { get; } = new();

    public override IReadOnlyCollection<string> Fields => Headers;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter)
    {
        // The runtime's HTTP client starts a span of its own for the request, from no source unless a tracer listens to
        // System.Net.Http (Tollway's does not): no exporter ever sees it, and a provider told it as its parent would
        // hang off a span missing from the trace. The nearest span from a source is named instead: the attempt's.
        while (activity is { Source.Name.Length: 0, Parent: { } parent })
        {
            activity = parent;
        }

        if (activity is not { IdFormat: ActivityIdFormat.W3C, Id: { } traceParent } || setter is null)
        {
            return;
        }

        setter(carrier, TraceParent, traceParent);
        if (!string.IsNullOrEmpty(activity.TraceStateString))
        {
            setter(carrier, TraceState, activity.TraceStateString);
        }
    }

    /// <summary>Reads nothing: this propagator only ever writes requests to providers.</summary>
    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
    }

    /// <summary>Reads nothing: baggage is neither sent nor taken.</summary>
    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
}
