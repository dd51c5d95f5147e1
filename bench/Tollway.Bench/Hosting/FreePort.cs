using System.Net;
using System.Net.Sockets;

namespace Tollway.Bench.Hosting;

/// <summary>A loopback port nobody listens on now, for a server the harness starts.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
