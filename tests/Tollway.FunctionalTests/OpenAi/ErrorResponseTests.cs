using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.OpenAi;

/// <summary>
/// Every failure answers in OpenAI's error shape with the right status; whatever the gateway refuses itself never
/// reaches the provider.
/// </summary>
public sealed class ErrorResponseTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string ValidChat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}""";

    [Theory]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[", null)]
    [InlineData("not json at all", null)]
    [InlineData("[1,2,3]", null)]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[]} trailing", null)]
    [InlineData("{\"messages\":[]}", "model")]
    [InlineData("{\"model\":42,\"messages\":[]}", "model")]
    [InlineData("{\"model\":\"gpt-4o-mini\"}", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":\"hi\"}", "messages")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[],\"max_tokens\":-1}", "max_tokens")]
    [InlineData("{\"model\":\"gpt-4o-mini\",\"messages\":[],\"stream\":\"yes\"}", "stream")]
    public async Task ChatCompletions_MalformedOrIncompleteBody_Answers400WithoutUpstreamCall(string body, string? param)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("/v1/completions", """{"model":"gpt-4o-mini"}""", "prompt")]
    [InlineData("/v1/embeddings", """{"model":"text-embedding-3-small"}""", "input")]
    public async Task OtherOperations_MissingRequiredField_Answer400WithParam(string path, string body, string param)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync(path, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (await GatewayFixture.ReadErrorAsync(response)).GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_NoKey_Answers401MissingApiKey()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat, key: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_api_key", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Theory]
    [InlineData("tw-0000000000000000000000000000000000000000")]
    [InlineData("tw-short")]
    [InlineData("sk-not-a-tollway-key")]
    public async Task ChatCompletions_UnknownKey_Answers401InvalidApiKey(string key)
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat, key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_KeyInXApiKeyHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(ValidChat, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", gateway.UserKey);

        using var response = await gateway.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ChatCompletions_RevokedKey_Answers401AtOnce()
    {
        var key = await gateway.CreateUserKeyAsync("to be revoked");
        using (var before = await gateway.PostAsync("/v1/chat/completions", ValidChat, key))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var keyId = await AdminApi.FindKeyIdAsync(gateway, key);
        using (var revoke = await AdminApi.SendAsync(gateway, HttpMethod.Delete, $"/admin/v1/keys/{keyId}"))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }

        gateway.Upstream.Reset();
        using var after = await gateway.PostAsync("/v1/chat/completions", ValidChat, key);

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("invalid_api_key", (await GatewayFixture.ReadErrorAsync(after)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_ModelOutsideTheKeysAllowList_Answers403()
    {
        var key = await gateway.CreateUserKeyAsync("embeddings only", "text-embedding-3-small");
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat, key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("model_not_allowed", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Answers404ModelNotFound()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-9-imaginary","messages":[]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model", error.GetProperty("param").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_EmbeddingModel_Answers400()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"text-embedding-3-small","messages":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("model_not_supported", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_BodyOverLimitWithContentLength_Answers413()
    {
        gateway.Upstream.Reset();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/v1/chat/completions"))
        {
            Content = new StringContent(LargeChat(70_000), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.UserKey);

        // Kestrel closes a connection whose oversized body it did not read: a client of its own keeps that from the
        // pooled connections the other tests share.
        using var client = new HttpClient();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal("request_too_large", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_ChunkedBodyOverLimit_Answers413()
    {
        gateway.Upstream.Reset();
        var bytes = Encoding.UTF8.GetBytes(LargeChat(70_000));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway.BaseUrl, "/v1/chat/completions"))
        {
            // A stream of unknown length makes HttpClient send the body chunked, without Content-Length.
            Content = new StreamContent(new UnseekableStream(bytes)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.UserKey);

        using var client = new HttpClient();
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal(0, gateway.Upstream.RequestCount);
    }

    [Fact]
    public async Task ChatCompletions_Upstream400_IsPassedThroughWithItsMessageAndWithoutTheProviderKey()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(400, $$$"""
            {"error":{"message":"Invalid value for 'temperature' (request signed with {{{GatewayFixture.UpstreamApiKey}}})","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}
            """));

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(GatewayFixture.UpstreamApiKey, raw, StringComparison.Ordinal);
        using var reparsed = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(raw, Encoding.UTF8, "application/json") };
        var error = await GatewayFixture.ReadErrorAsync(reparsed);
        Assert.StartsWith("Invalid value for 'temperature'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("temperature", error.GetProperty("param").GetString());
        Assert.Equal("invalid_value", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_Upstream429_IsPassedThroughWithRetryAfter()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(429, TimeSpan.FromSeconds(7)));

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        await GatewayFixture.ReadErrorAsync(response);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task ChatCompletions_UpstreamRejectsTheGatewaysCredentials_Answers502NotTheCallersFault(int upstreamStatus)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(upstreamStatus, $$$"""
            {"error":{"message":"Incorrect API key provided: {{{GatewayFixture.UpstreamApiKey}}}","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}
            """));

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(GatewayFixture.UpstreamApiKey, raw, StringComparison.Ordinal);
        Assert.Contains("upstream_auth_error", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ChatCompletions_Upstream5xx_Answers502(int upstreamStatus)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(upstreamStatus));

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("upstream_error", error.GetProperty("code").GetString());
        Assert.Equal("server_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task ChatCompletions_UpstreamResetsTheConnection_Answers502()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.ConnectionReset());

        using var response = await gateway.PostAsync("/v1/chat/completions", ValidChat);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await GatewayFixture.ReadErrorAsync(response);
    }

    [Fact]
    public async Task ChatCompletions_UpstreamUnreachable_Answers502Unreachable()
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"dead-model","messages":[]}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("upstream_unreachable", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ChatCompletions_UpstreamSilentPastFirstByteTimeout_Answers504()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.Hanging());

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"slow-model","messages":[]}""");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("upstream_timeout", error.GetProperty("code").GetString());
        Assert.Contains("first byte", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownV1Path_Answers404InOpenAiShape()
    {
        using var response = await gateway.PostAsync("/v1/images/generations", "{}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", (await GatewayFixture.ReadErrorAsync(response)).GetProperty("code").GetString());
    }

    private static string LargeChat(int contentLength) =>
        "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"" + new string('x', contentLength) + "\"}]}";

    /// <summary>A stream that cannot report its length, so the client must send it chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
