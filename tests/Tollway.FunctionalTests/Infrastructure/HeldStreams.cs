using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Streamed chat completions that the fake upstream holds open after their first event until released:
/// requests in flight for as long as a test needs them. Disposing releases and drains every one.</summary>
public sealed class HeldStreams : IAsyncDisposable
{
    private const string StreamedChat = """{"model":"gpt-4o-mini","stream":true,"max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    private readonly List<(TaskCompletionSource Release, HttpResponseMessage Response, SseReader Reader)> _streams = [];

    private HeldStreams()
    {
    }

    public int Count => _streams.Count;

    /// <summary>Opens <paramref name="count"/> streams on <c>gpt-4o-mini</c>, one after the other, each once its first
    /// event has arrived.</summary>
    public static async Task<HeldStreams> OpenAsync(GatewayFixture gateway, int count)
    {
        var held = new HeldStreams();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release));
                var response = await gateway.PostAsync("/v1/chat/completions", StreamedChat, stream: true);
                var reader = new SseReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
                held._streams.Add((release, response, reader));
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                Assert.NotNull(await reader.ReadDataAsync(TestContext.Current.CancellationToken));
            }
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }

        return held;
    }

    /// <summary>Lets the upstream finish stream <paramref name="index"/> and reads it to its end; returns its remaining events.</summary>
    public Task<List<string>> FinishAsync(int index)
    {
        _streams[index].Release.TrySetResult();
        return _streams[index].Reader.ReadAllAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (release, response, reader) in _streams)
        {
            release.TrySetResult();
            await reader.ReadAllAsync(CancellationToken.None);
            reader.Dispose();
            response.Dispose();
        }
    }
}
