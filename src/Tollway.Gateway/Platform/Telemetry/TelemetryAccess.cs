using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>
/// Who may read what the gateway says about itself (the scrape, the readiness detail): loopback, an address in
/// <see cref="MetricsOptions.AllowedNetworks"/>, or whoever shows <see cref="MetricsOptions.BearerToken"/>. The token is
/// compared in constant time, through its hash so that its length does not show either.
/// </summary>
public sealed class TelemetryAccess
{
    private readonly IPNetwork[] _networks;
    private readonly byte[]? _tokenHash;

    /// <summary>Reads the allowed networks and the token.</summary>
    public TelemetryAccess(IOptions<TelemetryOptions> options)
    {
        var metrics = options.Value.Metrics;
        _networks = [.. metrics.AllowedNetworks.Select(network => IPNetwork.Parse(network))];
        _tokenHash = string.IsNullOrWhiteSpace(metrics.BearerToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(metrics.BearerToken.Trim()));
    }

    /// <summary>Whether a token is configured, so that a refused caller is told to show one.</summary>
    public bool TakesToken => _tokenHash is not null;

    /// <summary>Whether the request may read the telemetry.</summary>
    public bool Allows(HttpContext context) => FromAllowedAddress(context.Connection.RemoteIpAddress) || ShowsToken(context.Request);

    private bool FromAllowedAddress(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || _networks.Any(network => network.Contains(address));
    }

    private bool ShowsToken(HttpRequest request)
    {
        const string Scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (_tokenHash is null || !header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var shown = SHA256.HashData(Encoding.UTF8.GetBytes(header[Scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(shown, _tokenHash);
    }
}
