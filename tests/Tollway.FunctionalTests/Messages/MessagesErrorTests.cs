using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Messages;

/// <summary>
/// <c>/v1/messages</c> answers its errors in Anthropic's shape, <c>{"type":"error","error":{"type","message"}}</c>, with
/// the status and type Anthropic's API uses, and ends a broken stream with an <c>error</c> event.
/// </summary>
public sealed class MessagesErrorTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private const string Hello = """{"model":"gpt-same","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Post_NoKey_AuthenticationError()
    {
        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", Hello, key: "");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "authentication_error");
    }

    [Fact]
    public async Task Post_BalanceTooLow_BillingErrorWith402AndNoUpstreamCall()
    {
        gateway.Upstream.Reset();
        var (key, _, _) = await gateway.CreateFundedKeyAsync("broke", "0.000001");

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", Hello, key);

        await AssertErrorAsync(response, HttpStatusCode.PaymentRequired, "billing_error");
        Assert.Empty(gateway.Upstream.Requests);
    }

    [Fact]
    public async Task Post_UnknownModel_NotFoundError()
    {
        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", """{"model":"no-such-model","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "not_found_error");
    }

    [Theory]
    [InlineData("""{"model":"gpt-same","messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    [InlineData("""{"model":"gpt-same","max_tokens":100}""", "messages")]
    [InlineData("""{"max_tokens":100,"messages":[]}""", "model")]
    [InlineData("""not json""", "JSON")]
    public async Task Post_InvalidRequest_InvalidRequestErrorNamingTheField(string body, string named)
    {
        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", body);

        var error = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error");
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AnthropicProviderOverloadedOnEveryAttempt_ApiErrorSayingSo()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.SetDefault(UpstreamFault.WithStatus(529));
        try
        {
            using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", """{"model":"claude","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""");

            // Every attempt was spent: the gateway's own 502 (a provider failure), in Anthropic's shape.
            var error = await AssertErrorAsync(response, HttpStatusCode.BadGateway, "api_error");
            Assert.Contains("HTTP 529", error.GetProperty("message").GetString(), StringComparison.Ordinal);
            Assert.Equal(2, gateway.Upstream.Requests.Count);
        }
        finally
        {
            gateway.Upstream.SetDefault(null);
        }
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gpt-same")]
    [InlineData("gemini")]
    public async Task PostStream_UpstreamCut_EndsWithAnErrorEventAndNoMessageStop(string model)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.CutStreamAfter(3));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", $$"""{"model":"{{model}}","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.StartsWith("event: message_start\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
        var last = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("event: error\ndata: ", last, StringComparison.Ordinal);
        using var error = JsonDocument.Parse(last["event: error\ndata: ".Length..]);
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PostStream_AnthropicErrorEvent_IsPassedThroughAsIs()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(new UpstreamFault { StreamErrorType = "overloaded_error" });

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", """{"model":"claude","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        var events = (await response.Content.ReadAsStringAsync(Ct)).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(events, e => e.StartsWith("event: error\n", StringComparison.Ordinal));
        Assert.Contains("overloaded_error", events[^1], StringComparison.Ordinal);
    }

    private static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        return error.Clone();
    }
}
