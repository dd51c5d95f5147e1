using Tollway.Gateway.Platform.Configuration;

namespace Tollway.Hosting;

/// <summary>Everything that varies between <c>tollway serve</c> and a test starting the same host in-process.</summary>
internal sealed class GatewayHostSettings
{
    /// <summary>The JSON config file, if any.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Values that override the file and the environment (tests).</summary>
    public IDictionary<string, string?>? Overrides { get; init; }

    /// <summary>Where provider keys named by <c>ApiKeyEnv</c> are read; the process environment by default.</summary>
    public IEnvironmentVariables? Environment { get; init; }

    /// <summary>Where the one-time admin key banner goes: standard output, not the log.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Replaces the console logger (tests capture logs with it).</summary>
    public ILoggerProvider? LoggerProvider { get; init; }

    /// <summary>The clock; the system clock by default.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Runs after every service is registered, so it may replace one (tests put a database that fails on
    /// demand in front of the real one).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
