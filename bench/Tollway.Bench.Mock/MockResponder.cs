using System.IO.Pipelines;

namespace Tollway.Bench.Mock;

/// <summary>
/// Answers <c>POST …/chat/completions</c> as OpenAI does: a JSON body, or with <c>"stream": true</c> an SSE stream
/// flushed event by event (with the usage chunk when <c>stream_options.include_usage</c> asks for it). Waits and
/// chunk counts come from the model name (<see cref="MockBehaviour"/>). Anything else is a 404.
/// </summary>
internal static class MockResponder
{
    public static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value?.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var parsed = await ReadRequestAsync(request.BodyReader);
        var behaviour = MockBehaviour.Parse(parsed.Model);
        var answer = MockAnswer.For(parsed.Model, behaviour.Chunks, parsed.IncludeUsage);
        var aborted = context.RequestAborted;
        if (behaviour.DelayMs > 0)
        {
            await Task.Delay(behaviour.DelayMs, aborted);
        }

        if (!parsed.Stream)
        {
            response.ContentType = "application/json";
            response.ContentLength = answer.Json.Length;
            await response.BodyWriter.WriteAsync(answer.Json, aborted);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await response.BodyWriter.WriteAsync(answer.First, aborted);
        for (var i = 1; i < answer.Content.Length; i++)
        {
            if (behaviour.IntervalMs > 0)
            {
                await Task.Delay(behaviour.IntervalMs, aborted);
            }

            await response.BodyWriter.WriteAsync(answer.Content[i], aborted);
        }

        await response.BodyWriter.WriteAsync(answer.Tail, aborted);
    }

    private static async Task<MockRequest> ReadRequestAsync(PipeReader reader)
    {
        while (true)
        {
            var read = await reader.ReadAsync();
            if (read.IsCompleted)
            {
                var parsed = MockRequest.Read(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return parsed;
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
