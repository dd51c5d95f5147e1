using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tollway.Chain.Hosting;
using Tollway.Chain.X402;
using Tollway.Diagnostics;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Hosting;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Platform.Telemetry;
using Tollway.Gateway.Api.Telemetry;

namespace Tollway.Hosting;

/// <summary>
/// Builds and starts the gateway web host: configuration, validation (every bad key reported), the database
/// migrated, the operator bootstrapped on an empty database, then Kestrel.
/// </summary>
internal static class GatewayHost
{
    public static WebApplication Build(GatewayHostSettings settings)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "tollway" });
        // Tollway's own configuration is kept apart from the host's (applicationName, contentRoot, …) so that every
        // key in it can be checked against the documented options.
        var tollwayConfiguration = new ConfigurationBuilder();
        TollwayConfiguration.AddSources(tollwayConfiguration, settings.ConfigPath, settings.Overrides);
        var configuration = tollwayConfiguration.Build();
        var server = configuration.GetSection(ServerOptions.Section);

        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var limit = server.GetValue<long?>(nameof(ServerOptions.MaxRequestBodyBytes));
            kestrel.Limits.MaxRequestBodySize = limit is > 0 ? limit : new ServerOptions().MaxRequestBodyBytes;
            KestrelLimits.Apply(kestrel.Limits, server);
        });
        builder.WebHost.UseUrls(ListenUrls(configuration));
        // Connections over the limit are closed unanswered, which keeps the process inside its open-file limit however
        // many clients connect.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<ServerLimits>((kestrel, limits) => kestrel.Limits.MaxConcurrentConnections = limits.MaxConnections);
        builder.Services.AddRoutingCore();
        ConfigureLogging(builder, configuration, settings);

        if (settings.Environment is not null)
        {
            builder.Services.AddSingleton(settings.Environment);
        }

        if (settings.TimeProvider is not null)
        {
            builder.Services.AddSingleton(settings.TimeProvider);
        }

        // The areas bind their options from the host's configuration, Tollway's own included.
        builder.Configuration.AddConfiguration(configuration);
        builder.Configuration.AddInMemoryCollection(OtelVariables(settings.Environment ?? new ProcessEnvironmentVariables()));
        builder.Services.AddProblemDetails();
        builder.Services.AddTollwayGateway(configuration);
        builder.Services.AddTollwayTelemetry(builder.Configuration);
        builder.Services.AddTollwayChain();
        builder.Services.AddTollwayX402();
        builder.Services.AddTollwayStorage(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions());
        settings.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        // Created now, before the server listens, and disposed with the host.
        _ = app.Services.GetService<RequestActivityListener>();
        app.UseTollwayMetrics();
        app.UseRouting();
        UnreadableBodyProblems.Use(app);
        app.MapTollwayGateway();
        app.MapTollwayChain();
        return app;
    }

    /// <summary>Validates, migrates, bootstraps and starts listening; returns once the server accepts requests.</summary>
    public static async Task StartAsync(WebApplication app, GatewayHostSettings settings, CancellationToken cancellationToken)
    {
        // Every area's validators run now, before anything touches the database or the network.
        app.Services.GetRequiredService<ConfigurationCheck>().ThrowIfInvalid();
        ReportLimits(app);
        await app.Services.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);

        var created = await app.Services.GetRequiredService<AccountAdministration>().BootstrapOperatorAsync(cancellationToken);
        if (created is not null)
        {
            await FirstRunBanner.WriteAsync(settings.Output, created);
            Log.OperatorBootstrapped(app.Logger, created.Record.AccountId, created.Record.Id);
        }

        await app.StartAsync(cancellationToken);
        var catalog = app.Services.GetRequiredService<CatalogState>();
        Log.Started(app.Logger, string.Join(", ", ListeningUrls(app)), catalog.Providers.All.Count(), catalog.Current.Models.Count);
    }

    /// <summary>The main URLs and, when the scrape has a listener of its own, its URLs.</summary>
    private static string ListenUrls(IConfiguration configuration)
    {
        var main = configuration.GetSection(ServerOptions.Section)[nameof(ServerOptions.Urls)] ?? ServerOptions.DefaultUrls;
        var metrics = configuration[$"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Metrics)}:{nameof(MetricsOptions.Urls)}"];
        return string.IsNullOrWhiteSpace(metrics) ? main : $"{main};{metrics}";
    }

    /// <summary>The OpenTelemetry SDK reads its standard variables from the host's configuration, which here holds
    /// Tollway's keys only: the ones it knows are copied in.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> OtelVariables(IEnvironmentVariables environment) =>
        TelemetryServiceCollectionExtensions.OtelVariables
            .Select(name => KeyValuePair.Create(name, environment.Read(name)))
            .Where(variable => variable.Value is not null);

    /// <summary>The URLs Kestrel actually bound (port 0 resolved).</summary>
    public static IReadOnlyList<string> ListeningUrls(WebApplication app) =>
        [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    /// <summary>Says what the node takes on at once, and warns when the open-file limit is too low for it: the process
    /// would then run out of descriptors under load instead of refusing what it cannot serve.</summary>
    private static void ReportLimits(WebApplication app)
    {
        var limits = app.Services.GetRequiredService<ServerLimits>();
        Log.ServingLimits(app.Logger, limits.MaxConcurrentRequests, limits.MaxConnections, limits.OpenFileLimit?.ToString(CultureInfo.InvariantCulture) ?? "unknown");
        if (!limits.FitOpenFileLimit)
        {
            Log.OpenFileLimitTooLow(app.Logger, limits.OpenFileLimit!.Value, limits.MaxConnections, limits.MaxConcurrentRequests, limits.DescriptorsNeeded);
        }
    }

    private static void ConfigureLogging(WebApplicationBuilder builder, IConfiguration configuration, GatewayHostSettings settings)
    {
        builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        // Per-request framework logs would cost time on every request and say nothing the request log does not.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // This category only logs each request's start and end; while it is enabled at any level, ASP.NET Core starts an
        // Activity per request for it (an allocation and a trace id nobody reads). Unhandled errors are Kestrel's category.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        // The health check service writes a line per probe while a check is not healthy (every few seconds per load
        // balancer) and quotes a failed check's exception, which may hold a connection string or an RPC URL: outages are
        // logged once by the areas that see them, and /readyz?detail=true says which check fails.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None);
        if (settings.LoggerProvider is not null)
        {
            builder.Logging.AddProvider(settings.LoggerProvider);
        }
        else if (configuration[LogsFormatKey] == LogsOptions.Json)
        {
            AddJsonConsole(builder);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                console.UseUtcTimestamp = true;
            });
        }
    }

    private const string LogsFormatKey = $"{TelemetryOptions.Section}:{nameof(TelemetryOptions.Logs)}:{nameof(LogsOptions.Format)}";

    /// <summary>One JSON object per line for log shippers, each with the scopes it was written in: the request's id
    /// (<see cref="RequestLogScopes"/>) and its trace and span ids, from the request's activity
    /// (<see cref="RequestActivityListener"/> makes sure there is one). The text console pays for neither.</summary>
    private static void AddJsonConsole(WebApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            json.UseUtcTimestamp = true;
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddSingleton(sp => new RequestActivityListener(sp.GetRequiredService<ActivitySource>()));
    }
}
