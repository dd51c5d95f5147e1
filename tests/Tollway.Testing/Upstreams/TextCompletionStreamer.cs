using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Streams a legacy text completion: one chunk per word, an empty-text chunk with the finish reason, the
/// optional usage chunk and <c>[DONE]</c>.
/// </summary>
internal static class TextCompletionStreamer
{
    public static async Task StreamAsync(HttpContext context, FakeCompletion completion, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        using var sse = new SseEventWriter(context, fault, cancellationToken);
        await sse.StartAsync();

        for (var index = 0; index < completion.Choices; index++)
        {
            foreach (var word in FakeText.SplitWords(completion.Content ?? string.Empty))
            {
                TextCompletionJson.WriteChunk(sse.BeginEvent(), completion, index, word, finishReason: null);
                await sse.EndEventAsync();
            }

            TextCompletionJson.WriteChunk(sse.BeginEvent(), completion, index, string.Empty, completion.FinishReason);
            await sse.EndEventAsync();
        }

        if (completion.IncludeStreamUsage)
        {
            TextCompletionJson.WriteUsageChunk(sse.BeginEvent(), completion);
            await sse.EndEventAsync();
        }

        await sse.CompleteAsync();
    }
}
