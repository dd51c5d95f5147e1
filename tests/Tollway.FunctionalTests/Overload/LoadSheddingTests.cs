using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Testing;
using Books = Tollway.FunctionalTests.Infrastructure.Billing;

namespace Tollway.FunctionalTests.Overload;

/// <summary>
/// With as many requests in flight as <c>server.maxConcurrentRequests</c> allows, the next one is refused at once with
/// 503 and <c>Retry-After</c>, in its API's error shape, without an upstream call or a hold; and served again as soon as
/// a request ends. Open streams count as in flight until they end.
/// </summary>
public sealed class LoadSheddingTests(LoadSheddingFixture gateway) : IClassFixture<LoadSheddingFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private InFlightLimiter Limiter => gateway.Services.GetRequiredService<InFlightLimiter>();

    [Fact]
    public async Task Chat_LimitReachedByOpenStreams_503InOpenAiShapeWithRetryAfter_NothingUpstreamNoMoneyMoved()
    {
        var (key, accountId, _) = await gateway.CreateFundedKeyAsync("refused", "1");
        var before = await Books.BalanceAsync(gateway, accountId);
        await using var held = await HoldEverySlotAsync();

        using var refused = await gateway.PostAsync("/v1/chat/completions", Chat, key);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        var error = await GatewayFixture.ReadErrorAsync(refused);
        Assert.Equal("server_error", error.GetProperty("type").GetString());
        Assert.Equal("gateway_overloaded", error.GetProperty("code").GetString());
        Assert.Equal(gateway.MaxConcurrentRequests, gateway.Upstream.RequestCount);

        var requestId = Books.RequestId(refused);
        var row = await RequestLogRows.WaitForAsync(gateway, requestId);
        Assert.Equal(503L, row["status"]);
        Assert.Equal("gateway_overloaded", row["error_code"]);
        Assert.Equal("chat", row["operation"]);
        Assert.Null(await Books.ChargeAsync(gateway, requestId));
        Assert.Equal(before, await Books.BalanceAsync(gateway, accountId));
        var (_, leased) = await gateway.Services.GetRequiredService<LedgerAdministration>().GetBalanceAsync(accountId, Ct);
        Assert.Equal(0, leased);
    }

    [Theory]
    [InlineData("/v1/completions", """{"model":"gpt-4o-mini","prompt":"hi","max_tokens":5}""")]
    [InlineData("/v1/embeddings", """{"model":"text-embedding-3-small","input":"hi"}""")]
    public async Task OtherModelEndpoints_LimitReached_503WithoutAnUpstreamCall(string path, string body)
    {
        await using var held = await HoldEverySlotAsync();

        using var refused = await gateway.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("gateway_overloaded", (await GatewayFixture.ReadErrorAsync(refused)).GetProperty("code").GetString());
        Assert.Equal(gateway.MaxConcurrentRequests, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("/v1/messages")]
    [InlineData("/v1/messages/count_tokens")]
    public async Task Messages_LimitReached_AnthropicOverloadedErrorWithRetryAfter(string path)
    {
        await using var held = await HoldEverySlotAsync();

        using var refused = await AnthropicSdk.PostAsync(gateway, path, """{"model":"gpt-4o-mini","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("overloaded_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        // The Messages API carries the request's id, as Anthropic's errors do; a token count is not logged and has none.
        Assert.Equal(
            path == "/v1/messages" ? Books.RequestId(refused) : null,
            body.RootElement.TryGetProperty("request_id", out var id) ? id.GetString() : null);
        Assert.Equal(gateway.MaxConcurrentRequests, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task Chat_AfterOneOpenStreamEnds_IsServedAgain()
    {
        await using var held = await HoldEverySlotAsync();
        using (var refused = await gateway.PostAsync("/v1/chat/completions", Chat))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }

        var rest = await held.FinishAsync(0);
        Assert.Equal("[DONE]", rest[^1]);
        // The client has read the last byte; the gateway settles the charge and gives the slot back right after.
        await Eventually.TrueAsync(() => Limiter.InFlight < gateway.MaxConcurrentRequests, "A slot freed by the finished stream", Ct);

        using var served = await gateway.PostAsync("/v1/chat/completions", Chat);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(gateway.MaxConcurrentRequests + 1, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task Refusals_ManyInARow_AreLoggedOncePerTenSeconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 9, 1, 12, 0, 0, TimeSpan.Zero));
        await using var own = new LoadSheddingFixture { MaxConcurrentRequests = 1, Time = time };
        await own.InitializeAsync();
        await using var held = await HeldStreams.OpenAsync(own, 1);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(own));
        }

        Assert.Equal(1, Warnings(own));
        time.Advance(LoadShedder.WarningInterval - TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(own));
        Assert.Equal(1, Warnings(own));
        time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(own));

        Assert.Equal(2, Warnings(own));
        Assert.Contains("1 in flight, at the limit of 1 (server.maxConcurrentRequests); 5 refused since start",
            own.Logs.Lines.Last(line => line.Contains("[2005]", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    private static int Warnings(GatewayFixture gateway) => gateway.Logs.Lines.Count(line => line.Contains("[2005]", StringComparison.Ordinal));

    private static async Task<HttpStatusCode> StatusAsync(GatewayFixture gateway)
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", Chat);
        return response.StatusCode;
    }

    /// <summary>Opens as many held streams as the limit admits, on a fresh upstream count, once the requests of earlier
    /// tests have ended (a finished stream gives its slot back just after its last byte).</summary>
    private async Task<HeldStreams> HoldEverySlotAsync()
    {
        await Eventually.TrueAsync(() => Limiter.InFlight == 0, "The requests of earlier tests to end", Ct);
        gateway.Upstream.Reset();
        var held = await HeldStreams.OpenAsync(gateway, gateway.MaxConcurrentRequests);
        Assert.Equal(gateway.MaxConcurrentRequests, Limiter.InFlight);
        return held;
    }
}
