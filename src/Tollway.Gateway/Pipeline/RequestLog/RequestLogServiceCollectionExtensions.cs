using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Telemetry;

namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>Registers the request log.</summary>
public static class RequestLogServiceCollectionExtensions
{
    /// <summary>Adds <see cref="RequestLogOptions"/> (bound from <c>RequestLog</c>, validated at start), the inbox the
    /// request path posts to, and the writer that batches it into the database.</summary>
    public static IServiceCollection AddTollwayRequestLog(this IServiceCollection services)
    {
        if (services.TryAddOptionsSection<RequestLogOptions, RequestLogOptionsValidator>(RequestLogOptions.Section, static (options, section) => options.BindConfiguration(section)))
        {
            services.AddMetrics();
            services.TryAddSingleton(static sp =>
            {
                var inbox = ActivatorUtilities.CreateInstance<RequestLogInbox>(sp);
                sp.GetRequiredService<IMeterFactory>().Create(TollwayTelemetry.GatewayName).CreateObservableCounter(
                    "tollway.request_log.dropped", () => inbox.Dropped, "{row}", "Request log rows dropped because the database fell behind.");
                return inbox;
            });
            services.AddHostedService<RequestLogWriter>();
        }

        return services;
    }
}
