using System.Net;
using System.Text.Json;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Translation;

/// <summary>
/// Translated streams are as unbuffered as OpenAI's own: each upstream event reaches the client as soon as it arrived,
/// whichever way it is translated (decoded from Anthropic or Gemini, encoded for an Anthropic client, or Anthropic's
/// own events accounted for on their way through).
/// </summary>
public sealed class NativeStreamingTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    [Theory]
    [InlineData("claude", "/v1/chat/completions", "chat.completion.chunk")]
    [InlineData("gemini", "/v1/chat/completions", "chat.completion.chunk")]
    [InlineData("claude", "/v1/messages", "message_start")]
    [InlineData("gpt-same", "/v1/messages", "message_start")]
    public async Task Stream_FirstEvent_ReachesTheClientWhileTheUpstreamIsStillHeld(string model, string path, string firstKind)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Reset();
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release));
        var ct = TestContext.Current.CancellationToken;

        using var response = await gateway.PostAsync(path,
            $$"""{"model":"{{model}}","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", stream: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(ct));

        // The upstream has sent only its first event and waits for `release`: a gateway that buffered (or waited for a
        // second event to translate the first) would leave this read hanging until the timeout.
        var first = await reader.ReadDataAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.NotNull(first);
        var root = JsonDocument.Parse(first).RootElement;
        Assert.Equal(firstKind, root.GetProperty(path == "/v1/messages" ? "type" : "object").GetString());
        Assert.False(release.Task.IsCompleted);

        release.SetResult();
        var rest = await reader.ReadAllAsync(ct);
        Assert.NotEmpty(rest);
    }
}
