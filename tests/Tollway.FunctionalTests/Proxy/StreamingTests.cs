using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Proxy;

/// <summary>Streams pass through event by event, with usage accounted for and breaks made visible.</summary>
public sealed class StreamingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string StreamedChat = """{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task Stream_FirstChunk_ReachesTheClientWhileTheUpstreamIsStillHeld()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release));
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat, stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ct));

        // The upstream has sent only its first event and waits for `release`: if the gateway buffered, this read would
        // hang until the test's timeout instead of returning the role chunk.
        var first = await reader.ReadDataAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.NotNull(first);
        Assert.Equal("assistant", JsonDocument.Parse(first).RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.False(release.Task.IsCompleted);

        release.SetResult();
        var rest = await reader.ReadAllAsync(ct);
        Assert.Equal("[DONE]", rest[^1]);
    }

    [Fact]
    public async Task Stream_ClientDidNotAskForUsage_GatewayAsksUpstreamAndDropsTheUsageChunk()
    {
        gateway.Upstream.Reset();
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat, stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        var sent = gateway.Upstream.Requests[0].ParseBody().RootElement;
        Assert.True(sent.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("[DONE]", events[^1]);
        Assert.DoesNotContain(events[..^1], data => JsonDocument.Parse(data).RootElement.GetProperty("choices").GetArrayLength() == 0);
        Assert.Equal("Hello from the fake upstream.", ContentOf(events));
    }

    [Fact]
    public async Task Stream_ClientAskedForUsage_UsageChunkIsForwarded()
    {
        var ct = TestContext.Current.CancellationToken;
        const string body = """{"model":"gpt-4o-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body, stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        var usageChunk = JsonDocument.Parse(events[^2]).RootElement;
        Assert.Equal(0, usageChunk.GetProperty("choices").GetArrayLength());
        Assert.Equal(5, usageChunk.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_UpstreamCutsTheStream_ClientGetsAnErrorEventAndNoDone()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.CutStreamAfter(3));
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat, stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Equal("stream_interrupted", error.GetProperty("code").GetString());
        Assert.Equal(3, events.Count - 1);
    }

    [Fact]
    public async Task Stream_LongerThanTheTotalTimeout_EndsWithATimeoutErrorEvent()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithChunkInterval(TimeSpan.FromMilliseconds(400)));
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat.Replace("gpt-4o-mini", "trickle-model", StringComparison.Ordinal), stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("[DONE]", events);
        var error = JsonDocument.Parse(events[^1]).RootElement.GetProperty("error");
        Assert.Contains("total timeout", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.InRange(events.Count, 2, 6);
    }

    [Fact]
    public async Task Stream_UpstreamErrorStatus_AnswersWithAnErrorBeforeAnyEvent()
    {
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.WithStatus(503));

        using var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat, stream: true);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await GatewayFixture.ReadErrorAsync(response);
    }

    [Fact]
    public async Task Stream_Completions_ArePassedThroughToDone()
    {
        var ct = TestContext.Current.CancellationToken;
        const string body = """{"model":"gpt-4o-mini","stream":true,"prompt":"Say hello"}""";

        using var response = await gateway.PostAsync("/v1/completions", body, stream: true);
        using var sse = new SseReader(await response.Content.ReadAsStreamAsync(ct));
        var events = await sse.ReadAllAsync(ct);

        Assert.Equal("[DONE]", events[^1]);
        var text = string.Concat(events[..^1].Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices")).Where(c => c.GetArrayLength() > 0)
            .Select(c => c[0].GetProperty("text").GetString()));
        Assert.Equal("Hello from the fake upstream.", text);
    }

    private static string ContentOf(List<string> events) => string.Concat(events[..^1]
        .Select(e => JsonDocument.Parse(e).RootElement.GetProperty("choices"))
        .Where(choices => choices.GetArrayLength() > 0)
        .Select(choices => choices[0].GetProperty("delta"))
        .Select(delta => delta.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() : ""));
}
