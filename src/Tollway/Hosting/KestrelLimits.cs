using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tollway.Gateway.Configuration;

namespace Tollway.Hosting;

/// <summary>
/// Kestrel's limits on slow clients, from <c>server.*</c>: a client that sends its headers or its body slower than the
/// operator allows is cut off, so it cannot hold a connection slot and a request buffer for as long as it likes.
/// </summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerLimits limits, ServerOptions server)
    {
        limits.MinRequestBodyDataRate = new MinDataRate(server.MinRequestBodyBytesPerSecond, server.MinRequestBodyRateGracePeriod);
        limits.RequestHeadersTimeout = server.RequestHeadersTimeout;
    }
}
