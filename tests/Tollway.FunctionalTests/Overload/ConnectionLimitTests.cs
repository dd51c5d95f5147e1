using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing;

namespace Tollway.FunctionalTests.Overload;

/// <summary><c>server.maxConnections</c> is Kestrel's limit: a connection over it is closed unanswered, so the process
/// never holds more sockets than it was sized for, and the next connection is served once one closes.</summary>
public sealed class ConnectionLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_OverTheLimit_IsClosedUnanswered_AndServedOnceAnotherConnectionCloses()
    {
        await using var gateway = new LoadSheddingFixture { MaxConnections = 2 };
        await gateway.InitializeAsync();
        // One client per connection: each keeps its one connection open (keep-alive) after its answer.
        var first = OneConnectionClient(gateway);
        using var second = OneConnectionClient(gateway);
        using var third = OneConnectionClient(gateway);
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(first));
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(second));

        await Assert.ThrowsAsync<HttpRequestException>(() => HealthAsync(third));

        first.Dispose();
        await Eventually.TrueAsync(
            async () => await TryHealthAsync(third) == HttpStatusCode.OK, "A connection served after another one closed", Ct);
        Assert.Contains(gateway.Logs.Lines, line => line.Contains("maximum number of concurrent connections", StringComparison.Ordinal));
    }

    private static HttpClient OneConnectionClient(GatewayFixture gateway) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = gateway.BaseUrl,
            Timeout = TimeSpan.FromSeconds(10),
        };

    private static async Task<HttpStatusCode> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), Ct);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode?> TryHealthAsync(HttpClient client)
    {
        try
        {
            return await HealthAsync(client);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }
}
