using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Routing;

/// <summary>Failover across a model's endpoints: what is retried, what is not, and what the caller is told.</summary>
public sealed class FailoverTests(RoutingFixture gateway) : IClassFixture<RoutingFixture>
{
    private static string Chat(string model, bool stream = false) =>
        $$"""{"model":"{{model}}",{{(stream ? "\"stream\":true," : "")}}"messages":[{"role":"user","content":"hi"}],"max_tokens":50}""";

    [Fact]
    public async Task Chat_FirstEndpointAnswers503_TheSecondAnswersAndIsNamedAndBilled()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));
        gateway.Backup.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(5, 10)));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("duo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
        Assert.Equal("2", response.Headers.GetValues("x-tollway-attempts").Single());
        Assert.Equal("backup", JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .RootElement.GetProperty("provider").GetString());
        Assert.Equal(1, gateway.Upstream.RequestCount);
        Assert.Equal(1, gateway.Backup.RequestCount);
        var charge = await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal("backup", charge!.Provider);
        // Billed once, at the backup's price (15 tokens × $2/M), for the attempt that answered.
        Assert.Equal(30_000, charge.Total);
        var row = await RequestLogRows.WaitForAsync(gateway, Infrastructure.Billing.RequestId(response));
        Assert.Equal("primary/duo:503,backup/duo:200", row["attempts"]);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(422)]
    public async Task Chat_CallersMistake_IsReturnedAndNotRetried(int status)
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(status));

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("duo-4xx"));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal(1, gateway.Upstream.RequestCount);
        Assert.Equal(0, gateway.Backup.RequestCount);
    }

    [Fact]
    public async Task Chat_FirstEndpointUnreachable_FailsOverToTheSecond()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("dead-first"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
    }

    [Fact]
    public async Task Chat_OneEndpointRateLimited_IsRetriedAfterItsRetryAfter()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(429, TimeSpan.FromSeconds(1)));

        var started = DateTime.UtcNow;
        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("solo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", response.Headers.GetValues("x-tollway-attempts").Single());
        Assert.Equal(2, gateway.Upstream.RequestCount);
        Assert.True(gateway.Upstream.Requests[1].ReceivedAt - gateway.Upstream.Requests[0].ReceivedAt >= TimeSpan.FromMilliseconds(900));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Chat_AllAttemptsFail_TheLastErrorIsReturnedAfterMaxAttempts()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.SetDefault(UpstreamFault.WithStatus(503));
        try
        {
            using var response = await gateway.PostAsync("/v1/chat/completions", Chat("solo"));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("3", response.Headers.GetValues("x-tollway-attempts").Single());
            Assert.Equal(3, gateway.Upstream.RequestCount);
            Assert.Null(await Infrastructure.Billing.ChargeAsync(gateway, Infrastructure.Billing.RequestId(response)));
        }
        finally
        {
            gateway.Upstream.SetDefault(null);
        }
    }

    [Fact]
    public async Task Stream_BrokenAfterTheFirstByte_EndsWithAnErrorEventAndNeverSwitches()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.CutStreamAfter(2));
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("duo-stream", stream: true), stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("primary", response.Headers.GetValues("x-tollway-provider").Single());
        Assert.DoesNotContain("[DONE]", events);
        var last = JsonDocument.Parse(events[^1]).RootElement;
        Assert.Equal("stream_interrupted", last.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("error", last.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(0, gateway.Backup.RequestCount);
    }

    [Fact]
    public async Task Chat_CheapestStrategy_GoesToTheCheaperEndpointWhateverTheOrder()
    {
        gateway.ResetUpstreams();

        using var response = await gateway.PostAsync("/v1/chat/completions", Chat("cheap-last"));

        Assert.Equal("backup", response.Headers.GetValues("x-tollway-provider").Single());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task Chat_ProviderRefusesTheGatewaysKey_ItIsCooledDownAndSkippedNextTime()
    {
        gateway.ResetUpstreams();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(401));

        using (var first = await gateway.PostAsync("/v1/chat/completions", Chat("duo-key")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal("backup", first.Headers.GetValues("x-tollway-provider").Single());
        }

        using var second = await gateway.PostAsync("/v1/chat/completions", Chat("duo-key"));

        Assert.Equal("backup", second.Headers.GetValues("x-tollway-provider").Single());
        Assert.Equal(1, gateway.Upstream.RequestCount);
        using var health = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/endpoints");
        var primary = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
            .GetProperty("data").EnumerateArray().Single(e => e.GetProperty("endpoint").GetString() == "primary/duo-key");
        Assert.Equal("open", primary.GetProperty("state").GetString());
        Assert.Equal("HTTP 401", primary.GetProperty("last_error").GetString());
    }
}
