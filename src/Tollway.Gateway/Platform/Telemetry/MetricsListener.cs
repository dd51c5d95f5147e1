namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>The separate listener of <see cref="MetricsOptions.Urls"/>: its URLs and the ports that identify it.</summary>
public static class MetricsListener
{
    /// <summary>The URLs of a semicolon-separated list, trimmed.</summary>
    public static string[] Split(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    /// <summary>The ports the separate listener binds; empty when the scrape answers on the main port.</summary>
    public static IReadOnlySet<int> Ports(MetricsOptions options) =>
        Split(options.Urls).Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : -1).Where(port => port > 0).ToHashSet();
}
