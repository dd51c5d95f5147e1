using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Api.Telemetry;

/// <summary>
/// The Prometheus scrape (<see cref="MetricsOptions.Path"/>), for the callers <see cref="TelemetryAccess"/> admits: 401
/// with a <c>Bearer</c> challenge (403 when no token is configured) for anyone else. With a separate listener
/// (<see cref="MetricsOptions.Urls"/>) the scrape answers only there, and that listener answers nothing but the scrape and
/// the health probes, so opening its port to the monitoring network opens nothing else.
/// </summary>
public static class MetricsEndpoint
{
    /// <summary>Adds the scrape and the separate listener's fence to the pipeline; nothing while telemetry is off.</summary>
    public static IApplicationBuilder UseTollwayMetrics(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.Enabled)
        {
            return app;
        }

        var metrics = options.Metrics;
        var ports = MetricsListener.Ports(metrics);
        if (ports.Count > 0)
        {
            app.Use((context, next) => ports.Contains(context.Connection.LocalPort) && !ServedOnMetricsPort(context.Request.Path, metrics)
                ? NotFound(context)
                : next(context));
        }

        var access = app.ApplicationServices.GetRequiredService<TelemetryAccess>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path.Equals(metrics.Path) && (ports.Count == 0 || ports.Contains(context.Connection.LocalPort)),
            path: null,
            configureBranchedPipeline: branch => branch.Use((context, next) => Admit(context, next, access)),
            optionsName: null);
    }

    private static bool ServedOnMetricsPort(PathString path, MetricsOptions metrics) =>
        path.Equals(metrics.Path) || path.Equals("/healthz") || path.Equals("/readyz");

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    /// <summary>The scrape branch's gate: the scrape for whom <paramref name="access"/> admits, a refusal for anyone else.</summary>
    internal static Task Admit(HttpContext context, RequestDelegate next, TelemetryAccess access) =>
        access.Allows(context) ? next(context) : Refuse(context, access);

    private static Task Refuse(HttpContext context, TelemetryAccess access)
    {
        if (access.TakesToken)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Task.CompletedTask;
    }
}
