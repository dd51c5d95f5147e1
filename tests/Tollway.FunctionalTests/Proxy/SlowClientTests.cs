using System.Net;
using System.Net.Sockets;
using System.Text;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.Proxy;

/// <summary>
/// Clients that send slowly or not at all, on a real socket: one that dribbles its body below
/// <c>server.minRequestBodyBytesPerSecond</c> or its headers past <c>server.requestHeadersTimeout</c> is cut off rather
/// than holding a connection and a buffer for as long as it likes, and one whose body cannot be read (a malformed chunk)
/// is told so in OpenAI's error shape. The fixture's limits are small (50,000 bytes per second after two seconds, two
/// seconds for the headers); the bound on each wait is ten times that, so only a connection kept open fails the test.
/// </summary>
public sealed class SlowClientTests(BoundedGatewayFixture gateway) : IClassFixture<BoundedGatewayFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Post_BodyDribbledBelowTheMinimumRate_Answers408AndClosesTheConnection()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await SendAsync(stream, Head("/v1/chat/completions", contentLength: 60_000));

        // About 1,000 bytes a second: over Kestrel's own minimum (240), far under the configured one.
        var answer = await ReadUntilClosedWhileSendingAsync(stream, Encoding.ASCII.GetBytes(new string(' ', 100)), TimeSpan.FromMilliseconds(100));

        Assert.StartsWith("HTTP/1.1 408", answer, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"request_timeout\"", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_HeadersDribbledPastTheTimeout_ClosesTheConnection()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        await SendAsync(stream, "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");

        // One byte of a header that never ends, every 100 ms.
        var answer = await ReadUntilClosedWhileSendingAsync(stream, "a"u8.ToArray(), TimeSpan.FromMilliseconds(100));

        Assert.DoesNotContain("200 OK", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MalformedChunkedBody_Answers400InOpenAisShape()
    {
        using var client = await ConnectAsync();
        var stream = client.GetStream();
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {gateway.UserKey}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        await SendAsync(stream, head + "zz\r\n{\"model\":");

        var answer = await ReadUntilClosedWhileSendingAsync(stream, [], TimeSpan.Zero);

        Assert.StartsWith("HTTP/1.1 400", answer, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"invalid_request_error\"", answer, StringComparison.Ordinal);
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    private async Task<TcpClient> ConnectAsync()
    {
        gateway.Upstream.Reset();
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, gateway.BaseUrl.Port, TestContext.Current.CancellationToken);
        return client;
    }

    private string Head(string path, int contentLength) =>
        $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {gateway.UserKey}\r\nContent-Type: application/json\r\nContent-Length: {contentLength}\r\n\r\n";

    private static Task SendAsync(NetworkStream stream, string text) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes(text), TestContext.Current.CancellationToken).AsTask();

    /// <summary>Sends <paramref name="piece"/> every <paramref name="interval"/> (nothing when it is empty) and reads
    /// whatever the gateway answers until it closes the connection; fails if it is still open after <see cref="Bound"/>.</summary>
    private static async Task<string> ReadUntilClosedWhileSendingAsync(NetworkStream stream, byte[] piece, TimeSpan interval)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Bound);
        using var stopSending = new CancellationTokenSource();
        var sending = piece.Length == 0 ? Task.CompletedTask : DribbleAsync(stream, piece, interval, stopSending.Token);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset rather than closed: closed all the same.
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"The connection was still open after {Bound.TotalSeconds} s; received: {Encoding.ASCII.GetString(received.ToArray())}");
        }
        finally
        {
            await stopSending.CancelAsync();
            await sending;
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    private static async Task DribbleAsync(NetworkStream stream, byte[] piece, TimeSpan interval, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await stream.WriteAsync(piece, stop);
                await Task.Delay(interval, stop);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The gateway closed the connection, or the test is done with it.
        }
    }
}
