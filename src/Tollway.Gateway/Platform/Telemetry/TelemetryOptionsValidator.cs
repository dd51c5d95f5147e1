using System.Net;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Configuration;
using Tollway.Gateway.Platform.Server;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>Checks the <c>Telemetry</c> section at start, every problem with its key. <paramref name="server"/> is read for
/// the main listener's ports, which the scrape's own listener must not share: it is told apart by its port.</summary>
internal sealed class TelemetryOptionsValidator(BoundOptions<ServerOptions>? server = null) : IValidateOptions<TelemetryOptions>
{
    /// <summary>The shortest bearer token accepted: anything shorter can be guessed by anyone who can reach the port.</summary>
    public const int MinBearerTokenLength = 16;

    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        ValidateMetrics(options.Metrics, errors);
        ValidateOwnPort(options.Metrics, errors);
        if (!(options.Traces.SampleRatio is >= 0 and <= 1))
        {
            errors.Add("Telemetry:Traces:SampleRatio: must be a number from 0 to 1");
        }

        if (options.Logs.Format is not (LogsOptions.Text or LogsOptions.Json))
        {
            errors.Add($"Telemetry:Logs:Format: must be '{LogsOptions.Text}' or '{LogsOptions.Json}'");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ValidateOwnPort(MetricsOptions metrics, List<string> errors)
    {
        var main = MetricsListener.Split(server?.Value.Urls).Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Port : -1);
        foreach (var shared in MetricsListener.Ports(metrics).Intersect(main).Order())
        {
            errors.Add($"Telemetry:Metrics:Urls: port {shared} is also a port of Server:Urls; the scrape's listener needs a port of its own");
        }
    }

    private static void ValidateMetrics(MetricsOptions metrics, List<string> errors)
    {
        if (!metrics.Path.StartsWith('/') || metrics.Path.Length < 2)
        {
            errors.Add("Telemetry:Metrics:Path: must start with '/' and name a path, e.g. /metrics");
        }

        foreach (var url in MetricsListener.Split(metrics.Urls))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Port <= 0)
            {
                errors.Add($"Telemetry:Metrics:Urls: '{url}' is not an absolute http or https URL with a port other than 0");
            }
        }

        for (var i = 0; i < metrics.AllowedNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(metrics.AllowedNetworks[i], out _))
            {
                errors.Add($"Telemetry:Metrics:AllowedNetworks:{i}: '{metrics.AllowedNetworks[i]}' is not a network in CIDR notation (10.0.0.0/8)");
            }
        }

        if (metrics.BearerToken is { } token && token.Trim().Length < MinBearerTokenLength)
        {
            errors.Add($"Telemetry:Metrics:BearerToken: must be at least {MinBearerTokenLength} characters");
        }
    }
}
