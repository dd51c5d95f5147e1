using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// The request-level metrics, recorded once as each model request ends (<see cref="RequestLogStage.Finish"/>): how many
/// by route, model, provider and status, how long they took, and how much of that the gateway itself added. Every label
/// is bounded: the route's pattern (never the path the client sent), the model the catalog resolved or
/// <c>unknown</c>, a configured provider or <c>none</c>, a status code.
/// </summary>
internal sealed class RequestMetrics
{
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _overhead;

    public RequestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(TollwayTelemetry.GatewayName);
        _requests = meter.CreateCounter<long>("tollway.requests", "{request}", "Model requests by API route, model, provider and status sent.");
        _duration = meter.CreateHistogram<double>("tollway.request.duration", "s", "Model requests' duration as the client saw it.");
        _overhead = meter.CreateHistogram<double>("tollway.gateway.overhead", "s", "Request duration less the time spent waiting on providers.");
    }

    /// <summary>Records a finished request: <paramref name="duration"/> in all, <paramref name="upstream"/> of it
    /// waiting on providers.</summary>
    public void Record(GatewayRequest request, TimeSpan duration, TimeSpan upstream)
    {
        if (!_requests.Enabled && !_duration.Enabled && !_overhead.Enabled)
        {
            return;
        }

        var endpoint = Endpoint(request.Http);
        var model = Model(request);
        var provider = request.Log.Provider ?? MetricLabels.NoProvider;
        var tags = new TagList { { "endpoint", endpoint }, { "model", model }, { "provider", provider } };
        _duration.Record(duration.TotalSeconds, tags);
        tags.Add("status", MetricLabels.Status(request.Log.Status));
        _requests.Add(1, tags);
        _overhead.Record(Math.Max((duration - upstream).TotalSeconds, 0), new KeyValuePair<string, object?>("endpoint", endpoint));
    }

    /// <summary>The route's pattern (<c>/v1/chat/completions</c>): the path as sent may differ in case or carry anything.</summary>
    private static string Endpoint(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } ? pattern : "unknown";

    /// <summary>The catalog's id of the model that served (or was to serve) the request; <c>unknown</c> before the
    /// catalog resolved one, so a model name a client made up never becomes a label.</summary>
    private static string Model(GatewayRequest request) =>
        request.Admission?.Billing is { } billing ? billing.Current.Model.Id
        : request.Plan.IsPlanned ? request.Plan.FirstModel.Id
        : MetricLabels.UnknownModel;
}
