using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>Streams a Messages answer as Anthropic's documented event sequence (see <see cref="AnthropicFakeOperations"/>).</summary>
internal static class AnthropicFakeStreamer
{
    public static async Task StreamAsync(HttpContext context, AnthropicFakeAnswer answer, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        using var sse = new SseEventWriter(context, fault, cancellationToken);
        await sse.StartAsync();
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "message_start");
        json.WriteStartObject("message");
        json.WriteString("id", answer.Id);
        json.WriteString("type", "message");
        json.WriteString("role", "assistant");
        json.WriteString("model", answer.Model);
        json.WriteStartArray("content");
        json.WriteEndArray();
        json.WriteNull("stop_reason");
        json.WriteNull("stop_sequence");
        answer.WriteUsage(json);
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndEventAsync("message_start");
        await SimpleAsync(sse, "ping");

        var index = 0;
        if (answer.Thinking is not null)
        {
            await BlockStartAsync(sse, index, "thinking", null);
            await DeltaAsync(sse, index, "thinking_delta", "thinking", answer.Thinking);
            await DeltaAsync(sse, index, "signature_delta", "signature", AnthropicFakeOperations.Signature);
            await BlockStopAsync(sse, index++);
        }

        if (answer.Text is not null)
        {
            await BlockStartAsync(sse, index, "text", null);
            var first = true;
            foreach (var word in FakeText.SplitWords(answer.Text))
            {
                await DeltaAsync(sse, index, "text_delta", "text", word);
                if (first && fault?.StreamErrorType is { } errorType)
                {
                    await ErrorAsync(sse, errorType);
                    return;
                }

                first = false;
            }

            await BlockStopAsync(sse, index++);
        }

        if (answer.ToolName is not null)
        {
            await BlockStartAsync(sse, index, "tool_use", answer);
            // The first input_json_delta is empty, as the API sends it.
            await DeltaAsync(sse, index, "input_json_delta", "partial_json", "");
            foreach (var fragment in FakeText.SplitArguments(FakeText.ToolArguments))
            {
                await DeltaAsync(sse, index, "input_json_delta", "partial_json", fragment);
            }

            await BlockStopAsync(sse, index);
        }

        json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "message_delta");
        json.WriteStartObject("delta");
        json.WriteString("stop_reason", answer.StopReason);
        json.WriteNull("stop_sequence");
        json.WriteEndObject();
        answer.WriteUsage(json, outputOnly: true);
        json.WriteEndObject();
        await sse.EndEventAsync("message_delta");
        await SimpleAsync(sse, "message_stop");
    }

    private static async Task SimpleAsync(SseEventWriter sse, string type)
    {
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", type);
        json.WriteEndObject();
        await sse.EndEventAsync(type);
    }

    private static async Task ErrorAsync(SseEventWriter sse, string errorType)
    {
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "error");
        json.WriteStartObject("error");
        json.WriteString("type", errorType);
        json.WriteString("message", errorType == "overloaded_error" ? "Overloaded" : "Internal server error");
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndEventAsync("error");
    }

    private static async Task BlockStartAsync(SseEventWriter sse, int index, string type, AnthropicFakeAnswer? tool)
    {
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "content_block_start");
        json.WriteNumber("index", index);
        json.WriteStartObject("content_block");
        json.WriteString("type", type);
        switch (type)
        {
            case "thinking":
                json.WriteString("thinking", "");
                json.WriteString("signature", "");
                break;
            case "text":
                json.WriteString("text", "");
                break;
            default:
                json.WriteString("id", tool!.ToolUseId);
                json.WriteString("name", tool.ToolName);
                json.WriteStartObject("input");
                json.WriteEndObject();
                break;
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndEventAsync("content_block_start");
    }

    private static async Task DeltaAsync(SseEventWriter sse, int index, string type, string member, string value)
    {
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "content_block_delta");
        json.WriteNumber("index", index);
        json.WriteStartObject("delta");
        json.WriteString("type", type);
        json.WriteString(member, value);
        json.WriteEndObject();
        json.WriteEndObject();
        await sse.EndEventAsync("content_block_delta");
    }

    private static async Task BlockStopAsync(SseEventWriter sse, int index)
    {
        var json = sse.BeginEvent();
        json.WriteStartObject();
        json.WriteString("type", "content_block_stop");
        json.WriteNumber("index", index);
        json.WriteEndObject();
        await sse.EndEventAsync("content_block_stop");
    }
}
