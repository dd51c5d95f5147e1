using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Streams a chat completion in OpenAI's order: a role chunk, then one content delta per word (or the tool
/// call's opening fragment followed by argument fragments), the finish chunk, the optional usage chunk and
/// <c>[DONE]</c>. Choices are streamed one after another.
/// </summary>
internal static class ChatCompletionStreamer
{
    public static async Task StreamAsync(HttpContext context, FakeCompletion completion, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        using var sse = new SseEventWriter(context, fault, cancellationToken);
        await sse.StartAsync();

        for (var index = 0; index < completion.Choices; index++)
        {
            ChatCompletionChunkJson.WriteRole(sse.BeginEvent(), completion, index);
            await sse.EndEventAsync();

            if (completion.IsToolCall)
            {
                ChatCompletionChunkJson.WriteToolCallStart(sse.BeginEvent(), completion, index);
                await sse.EndEventAsync();

                foreach (var fragment in FakeText.SplitArguments(completion.ToolArguments))
                {
                    ChatCompletionChunkJson.WriteToolArguments(sse.BeginEvent(), completion, index, fragment);
                    await sse.EndEventAsync();
                }
            }
            else
            {
                foreach (var word in FakeText.SplitWords(completion.Content ?? string.Empty))
                {
                    ChatCompletionChunkJson.WriteContent(sse.BeginEvent(), completion, index, word);
                    await sse.EndEventAsync();
                }
            }

            ChatCompletionChunkJson.WriteFinish(sse.BeginEvent(), completion, index);
            await sse.EndEventAsync();
        }

        if (completion.IncludeStreamUsage)
        {
            ChatCompletionChunkJson.WriteUsage(sse.BeginEvent(), completion);
            await sse.EndEventAsync();
        }

        await sse.CompleteAsync();
    }
}
