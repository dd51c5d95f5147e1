using System.Net.Sockets;

namespace Tollway.Bench.Hosting;

/// <summary>Waits, by bounded polling, until a server started by the harness accepts connections.</summary>
internal static class Readiness
{
    public static async Task WaitForPortAsync(int port, ManagedProcess process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"process {process.Id} exited before it listened on port {port}.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nothing listened on port {port} within {timeout.TotalSeconds} s.");
    }
}
