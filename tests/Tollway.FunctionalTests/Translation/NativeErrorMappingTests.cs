using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Translation;

/// <summary>
/// Native providers' errors in the gateway's terms: Anthropic's 529 <c>overloaded_error</c> and Gemini's
/// <c>UNAVAILABLE</c> are retryable (the next candidate serves), a Gemini safety block is a <c>content_filter</c> finish,
/// and an error event mid-stream ends the OpenAI stream with an error chunk instead of a clean end.
/// </summary>
public sealed class NativeErrorMappingTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("claude-first", 529, "/v1/messages")]
    [InlineData("gemini-first", 503, "/v1beta/models/gemini-2.5-flash:generateContent")]
    [InlineData("gemini-first", 429, "/v1beta/models/gemini-2.5-flash:generateContent")]
    public async Task Chat_NativeProviderOverloaded_FailsOverToTheNextCandidate(string model, int status, string nativePath)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(status));

        using var response = await gateway.PostAsync("/v1/chat/completions", $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["" + nativePath, "/v1/chat/completions"], gateway.Upstream.Requests.Select(r => r.Path));
        Assert.Equal("fake", response.Headers.GetValues("x-tollway-provider").Single());
    }

    [Fact]
    public async Task Chat_AnthropicOverloadedBody_IsReadAsAnthropicErrorAndRetried()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(529, """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"}"""));

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"claude-first","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, gateway.Upstream.Requests.Count);
    }

    [Fact]
    public async Task Chat_GeminiRefusesTheRequest_ItsMessageReachesTheClientAsA400()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithBody(400, """{"error":{"code":400,"message":"Request contains an invalid argument.","status":"INVALID_ARGUMENT"}}"""));

        using var response = await gateway.PostAsync("/v1/chat/completions", """{"model":"gemini","messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await GatewayFixture.ReadErrorAsync(response);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal("Request contains an invalid argument.", error.GetProperty("message").GetString());
        Assert.Single(gateway.Upstream.Requests);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Chat_GeminiSafetyBlock_FinishesWithContentFilter(bool stream, bool promptBlocked)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(new UpstreamFault { SafetyBlock = true, Content = promptBlocked ? "prompt" : null });
        var body = $$"""{"model":"gemini","messages":[{"role":"user","content":"something dangerous"}],"stream":{{(stream ? "true" : "false")}}}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body, stream: stream);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        if (!stream)
        {
            using var answer = JsonDocument.Parse(text);
            Assert.Equal("content_filter", answer.RootElement.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
            return;
        }

        var events = SseData(text);
        Assert.Equal("[DONE]", events[^1]);
        var finishes = events.SkipLast(1).Select(e => JsonDocument.Parse(e).RootElement)
            .SelectMany(chunk => chunk.GetProperty("choices").EnumerateArray())
            .Select(choice => choice.GetProperty("finish_reason"))
            .Where(finish => finish.ValueKind == JsonValueKind.String)
            .Select(finish => finish.GetString());
        Assert.Equal(["content_filter"], finishes);
    }

    [Theory]
    [InlineData("claude", "overloaded_error")]
    [InlineData("gemini", "UNAVAILABLE")]
    public async Task ChatStream_ProviderErrorEventMidStream_EndsWithAnErrorChunkAndNoDone(string model, string errorType)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(new UpstreamFault { StreamErrorType = errorType });

        using var response = await gateway.PostAsync("/v1/chat/completions",
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"stream":true}""", stream: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var events = SseData(await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("[DONE]", events);
        var first = JsonDocument.Parse(events.First(e => e.Contains("\"content\":\"Hello\"", StringComparison.Ordinal)));
        Assert.NotNull(first);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal(errorType, error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task ChatStream_NativeStreamCut_EndsWithTheGatewaysErrorEvent(string model)
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.CutStreamAfter(3));

        using var response = await gateway.PostAsync("/v1/chat/completions",
            $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"stream":true}""", stream: true);

        var events = SseData(await response.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain("[DONE]", events);
        Assert.True(JsonDocument.Parse(events[^1]).RootElement.TryGetProperty("error", out _), events[^1]);
    }

    private static List<string> SseData(string stream) => [.. stream
        .Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries)
        .Select(e => e.Split('\n').First(line => line.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..].TrimEnd('\r'))];
}
