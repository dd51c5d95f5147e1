using System.Net;
using System.Text.Json;
using Anthropic.Models.Messages;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Messages;

/// <summary>
/// <c>/v1/messages/count_tokens</c>: Anthropic's own count where the model has an Anthropic endpoint (exact, free), the
/// gateway's count otherwise or when Anthropic does not answer.
/// </summary>
public sealed class CountTokensTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("claude")]
    [InlineData("claude-first")]
    public async Task CountTokens_AnthropicEndpoint_AnswersAnthropicsOwnCount(string model)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 1234, CompletionTokens: 0)));
        var client = AnthropicSdk.Client(gateway);

        var count = await client.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = model,
            Messages = [new UserMessageParam { Content = "How many tokens is this?" }],
        }, Ct);

        Assert.Equal(1234, count.InputTokens);
        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1/messages/count_tokens", request.Path);
        Assert.Equal(NativeProvidersFixture.AnthropicApiKey, request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        using var body = request.ParseBody();
        Assert.Equal("claude-sonnet-4-5", body.RootElement.GetProperty("model").GetString());
        Assert.Equal("How many tokens is this?", body.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task CountTokens_AnthropicFails_AnswersTheGatewaysOwnCount(int status)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(status));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages/count_tokens", """{"model":"claude","messages":[{"role":"user","content":"How many tokens is this?"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(answer.RootElement.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Single(gateway.Upstream.Requests);
        Assert.Contains($"Token count from claude-native for model claude-sonnet-4-5 failed (HTTP {status})", gateway.Logs.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpt-same")]
    [InlineData("gemini")]
    public async Task CountTokens_NoAnthropicEndpoint_CountsWithoutCallingAnyProvider(string model)
    {
        gateway.Upstream.Reset();

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages/count_tokens", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"How many tokens is this?"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(answer.RootElement.GetProperty("input_tokens").GetInt32() > 0);
        Assert.Empty(gateway.Upstream.Requests);
    }

    [Fact]
    public async Task CountTokens_UnknownModel_NotFoundErrorAndNoUpstreamCall()
    {
        gateway.Upstream.Reset();

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages/count_tokens", """{"model":"nope","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("not_found_error", answer.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Empty(gateway.Upstream.Requests);
    }

    [Fact]
    public async Task CountTokens_AnthropicFails_CountsAgainstTheEndpointsHealth()
    {
        gateway.Upstream.Reset();
        var before = await ClaudeHealthAsync();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages/count_tokens", ClaudeCount);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await ClaudeHealthAsync();
        Assert.Equal(before.Requests + 1, after.Requests);
        Assert.Equal("HTTP 503", after.LastError);
    }

    [Fact]
    public async Task CountTokens_AnthropicAnswers_LeavesTheEndpointsHealthAsItWas()
    {
        gateway.Upstream.Reset();
        var before = await ClaudeHealthAsync();
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(PromptTokens: 42, CompletionTokens: 0)));

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages/count_tokens", ClaudeCount);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.Upstream.Requests);
        Assert.Equal(before, await ClaudeHealthAsync());
    }

    private const string ClaudeCount = """{"model":"claude","messages":[{"role":"user","content":"How many tokens is this?"}]}""";

    /// <summary>What the admin API shows of the Anthropic endpoint's health: attempts in its window and its last error
    /// (none of either before anything was recorded, when the endpoint is not listed yet).</summary>
    private async Task<(int Requests, string? LastError)> ClaudeHealthAsync()
    {
        using var health = await AdminApi.SendAsync(gateway, HttpMethod.Get, "/admin/v1/endpoints");
        using var document = JsonDocument.Parse(await health.Content.ReadAsStringAsync(Ct));
        foreach (var endpoint in document.RootElement.GetProperty("data").EnumerateArray())
        {
            if (endpoint.GetProperty("endpoint").GetString() == "claude-native/claude-sonnet-4-5")
            {
                return (endpoint.GetProperty("requests_in_window").GetInt32(), endpoint.GetProperty("last_error").GetString());
            }
        }

        return (0, null);
    }
}
