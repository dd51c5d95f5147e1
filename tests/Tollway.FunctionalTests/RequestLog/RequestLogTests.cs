using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.RequestLog;

/// <summary>Each request leaves one metadata row, written in batches off the request path.</summary>
public sealed class RequestLogTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ChatCompletion_Served_LeavesOneRowWithUsageProviderAndSizes()
    {
        const string body = """{"model":"house-model","messages":[{"role":"user","content":"hi"}]}""";
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(120, 30, CachedTokens: 100, ReasoningTokens: 7)));

        using var response = await gateway.PostAsync("/v1/chat/completions", body);
        var row = await RequestLogRows.WaitForAsync(gateway, response.Headers.GetValues("X-Request-Id").Single());

        Assert.Equal("chat", row["operation"]);
        Assert.Equal("house-model", row["model"]);
        Assert.Equal("fake", row["provider"]);
        Assert.Equal("upstream-model-v2", row["upstream_model"]);
        Assert.Equal(200L, row["status"]);
        Assert.Equal(0L, row["stream"]);
        Assert.Equal(120L, row["prompt_tokens"]);
        Assert.Equal(30L, row["completion_tokens"]);
        Assert.Equal(100L, row["cached_tokens"]);
        Assert.Equal(7L, row["reasoning_tokens"]);
        Assert.Equal((long)body.Length, row["request_bytes"]);
        Assert.Equal(response.Content.Headers.ContentLength, row["response_bytes"]);
        Assert.StartsWith("key_", (string)row["key_id"]!, StringComparison.Ordinal);
        Assert.StartsWith("acct_", (string)row["account_id"]!, StringComparison.Ordinal);
        Assert.True((long)row["duration_us"]! > 0);
    }

    [Fact]
    public async Task ChatCompletion_Streamed_RowCarriesTheUsageTheGatewayAskedFor()
    {
        const string body = """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body);
        var row = await RequestLogRows.WaitForAsync(gateway, response.Headers.GetValues("X-Request-Id").Single());

        Assert.Equal(1L, row["stream"]);
        Assert.Equal(5L, row["completion_tokens"]);
        Assert.True((long)row["prompt_tokens"]! > 0);
    }

    [Fact]
    public async Task Request_RefusedByTheGateway_IsLoggedWithItsErrorCode()
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"nope","messages":[]}""");
        var row = await RequestLogRows.WaitForAsync(gateway, response.Headers.GetValues("X-Request-Id").Single());

        Assert.Equal(404L, row["status"]);
        Assert.Equal("model_not_found", row["error_code"]);
        Assert.Null(row["provider"]);
    }
}
