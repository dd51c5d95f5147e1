using System.Net;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Routing;

/// <summary>Several keys for one provider: a rate-limited or refused key rests while the others serve.</summary>
public sealed class KeyRotationTests(RoutingFixture gateway) : IClassFixture<RoutingFixture>
{
    private static string Chat(string model) => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"max_tokens":50}""";

    [Fact]
    public async Task Chat_KeyRateLimited_TheOtherKeyIsTriedAtOnce()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(429, TimeSpan.FromSeconds(30)));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("rotated-429"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-tollway-attempts").Single());
        var keys = gateway.Upstream.Requests.Select(r => r.Headers["Authorization"]).ToList();
        Assert.Equal(2, keys.Count);
        Assert.NotEqual(keys[0], keys[1]);
        // The 30 s Retry-After applies to the key that got it, not to the request: the other key went at once.
        Assert.True(gateway.Upstream.Requests[1].ReceivedAt - gateway.Upstream.Requests[0].ReceivedAt < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Chat_KeyRefused_RestsWhileTheOtherKeyServesTheNextRequests()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(401));

        using (var first = await gateway.PostAsync("/v1/chat/completions", Chat("rotated-401")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var refused = gateway.Upstream.Requests[0].Headers["Authorization"];
        for (var i = 0; i < 3; i++)
        {
            using var next = await gateway.PostAsync("/v1/chat/completions", Chat("rotated-401"));
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Equal(1, gateway.Upstream.Requests.Count(r => r.Headers["Authorization"] == refused));
        Assert.Equal(5, gateway.Upstream.RequestCount);
    }
}
