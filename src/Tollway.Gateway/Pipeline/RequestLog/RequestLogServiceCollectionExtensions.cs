using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Gateway.Platform.Configuration;

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
            services.TryAddSingleton<RequestLogInbox>();
            services.AddHostedService<RequestLogWriter>();
        }

        return services;
    }
}
