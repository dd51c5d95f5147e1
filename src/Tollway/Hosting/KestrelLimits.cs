using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tollway.Gateway.Platform.Server;

namespace Tollway.Hosting;

/// <summary>
/// Kestrel's limits on slow clients, from <c>server.*</c>: a client that sends its headers or its body slower than the
/// operator allows is cut off, so it cannot hold a connection slot and a request buffer for as long as it likes.
/// </summary>
internal static class KestrelLimits
{
    /// <summary>Applies the section's limits. Kestrel's options are built with the host, before the configuration is
    /// validated, so a value that does not bind or is out of range is left to the validator, which then refuses to
    /// start and names its key.</summary>
    public static void Apply(KestrelServerLimits limits, IConfiguration server)
    {
        var options = new ServerOptions();
        try
        {
            server.Bind(options);
        }
        catch (InvalidOperationException)
        {
            return;
        }

        if (options.MinRequestBodyBytesPerSecond > 0 && options.MinRequestBodyRateGracePeriod > TimeSpan.FromSeconds(1))
        {
            limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, options.MinRequestBodyRateGracePeriod);
        }

        if (options.RequestHeadersTimeout > TimeSpan.Zero)
        {
            limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        }
    }
}
