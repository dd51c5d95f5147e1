using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// Streams a <c>generateContent</c> answer as <c>streamGenerateContent?alt=sse</c> does: <c>data: {response}</c> events
/// ended by CRLF pairs, each a whole <c>GenerateContentResponse</c> — the thoughts, then one event per word of text (or one
/// with the complete function call), the last with <c>finishReason</c> and the complete <c>usageMetadata</c>. No end
/// marker: the stream just ends. A <see cref="UpstreamFault.StreamErrorType"/> sends Google's error object after the first
/// piece of text and ends the stream.
/// </summary>
internal static class GeminiFakeStreamer
{
    public static async Task StreamAsync(HttpContext context, GeminiFakeAnswer answer, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        using var sse = new SseEventWriter(context, fault, cancellationToken);
        await sse.StartAsync();
        if (answer.PromptBlocked || answer.FinishReason == "SAFETY")
        {
            answer.WriteResponse(sse.BeginEvent(), null, finished: true);
            await sse.EndEventAsync(crlf: true);
            return;
        }

        if (answer.Thinking is { } thinking)
        {
            answer.WriteResponse(sse.BeginEvent(), json => GeminiFakeAnswer.WriteThought(json, thinking), finished: false);
            await sse.EndEventAsync(crlf: true);
        }

        if (answer.FunctionName is not null)
        {
            answer.WriteResponse(sse.BeginEvent(), answer.WriteFunctionCall, finished: true);
            await sse.EndEventAsync(crlf: true);
            return;
        }

        var words = FakeText.SplitWords(answer.Text ?? "");
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            answer.WriteResponse(sse.BeginEvent(), json => GeminiFakeAnswer.WriteText(json, word), finished: i == words.Count - 1);
            await sse.EndEventAsync(crlf: true);
            if (i == 0 && fault?.StreamErrorType is { } status)
            {
                var error = sse.BeginEvent();
                GeminiFakeOperations.WriteError(error, 503, status, "The model is overloaded. Please try again later.");
                await sse.EndEventAsync(crlf: true);
                return;
            }
        }
    }
}
