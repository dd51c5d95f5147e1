using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>
/// Puts a request's id on every log line written while it is handled, as a logging scope. A scope costs an allocation
/// and an async-local write per request, so one is begun only where it will be written: the JSON console
/// (<see cref="LogsOptions.Json"/>, which writes scopes) or a console the operator told to include them
/// (<c>Logging:Console:FormatterOptions:IncludeScopes</c>).
/// </summary>
public sealed class RequestLogScopes
{
    /// <summary>The key an operator sets to have the text console write scopes.</summary>
    public const string IncludeScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    private readonly ILogger _logger;

    /// <summary>Decides once, from the configuration, whether scopes are written.</summary>
    public RequestLogScopes(ILoggerFactory loggers, IOptions<TelemetryOptions> options, IConfiguration configuration)
    {
        _logger = loggers.CreateLogger("Tollway.Request");
        Enabled = Written(options.Value.Logs, configuration);
    }

    /// <summary>Whether a request begins a scope.</summary>
    public bool Enabled { get; }

    /// <summary>Whether a logging scope reaches the console's output.</summary>
    public static bool Written(LogsOptions logs, IConfiguration configuration) =>
        logs.Format == LogsOptions.Json || configuration.GetValue<bool>(IncludeScopesKey);

    /// <summary>Begins the request's scope (dispose it when the request ends); <see langword="null"/> when scopes are
    /// not written.</summary>
    public IDisposable? Begin(string requestId) => Enabled ? _logger.BeginScope(new RequestIdScope(requestId)) : null;
}
