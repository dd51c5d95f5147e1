using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Server;

/// <summary>Checks the <c>Server</c> section at start, every problem with its key.</summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    /// <summary>The most one buffer may hold: a pooled array is indexed by <see cref="int"/>.</summary>
    private const long MaxBufferedBytes = 1L << 30;

    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var errors = new List<string>();
        ValidateUrls(options, errors);
        ValidateSizes(options, errors);
        ValidateClients(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateUrls(ServerOptions server, List<string> errors)
    {
        var urls = server.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            errors.Add("Server:Urls: at least one URL is required");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"Server:Urls: '{url}' is not an absolute http or https URL");
            }
        }
    }

    private static void ValidateSizes(ServerOptions server, List<string> errors)
    {
        if (server.MaxRequestBodyBytes <= 0)
        {
            errors.Add("Server:MaxRequestBodyBytes: must be greater than zero");
        }
        else if (server.MaxRequestBodyBytes > MaxBufferedBytes)
        {
            errors.Add($"Server:MaxRequestBodyBytes: must be at most {MaxBufferedBytes} (1 GiB)");
        }

        if (server.MaxUpstreamResponseBytes is <= 0 or > MaxBufferedBytes)
        {
            errors.Add($"Server:MaxUpstreamResponseBytes: must be greater than zero and at most {MaxBufferedBytes} (1 GiB)");
        }
    }

    private static void ValidateClients(ServerOptions server, List<string> errors)
    {
        if (!(server.MinRequestBodyBytesPerSecond > 0) || double.IsInfinity(server.MinRequestBodyBytesPerSecond))
        {
            errors.Add("Server:MinRequestBodyBytesPerSecond: must be a number greater than zero");
        }

        if (server.MinRequestBodyRateGracePeriod <= TimeSpan.FromSeconds(1))
        {
            errors.Add("Server:MinRequestBodyRateGracePeriod: must be longer than one second (Kestrel checks the rate once a second)");
        }

        if (server.RequestHeadersTimeout <= TimeSpan.Zero)
        {
            errors.Add("Server:RequestHeadersTimeout: must be greater than zero");
        }

        if (server.MaxConcurrentRequests is <= 0)
        {
            errors.Add("Server:MaxConcurrentRequests: must be greater than zero (leave it out for a default that fits the open-file limit)");
        }

        if (server.MaxConnections is <= 0)
        {
            errors.Add("Server:MaxConnections: must be greater than zero (leave it out for twice Server:MaxConcurrentRequests)");
        }
    }
}
