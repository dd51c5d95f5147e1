using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace Tollway.Bench.Mock;

/// <summary>
/// Every byte the mock sends for one model, written once with <see cref="Utf8JsonWriter"/> in OpenAI's shapes and
/// then reused, so that answering costs a copy: the <c>chat.completion</c> body, and the <c>chat.completion.chunk</c>
/// events of its stream (the role, one event per content token <c>w0 w1 …</c>, the finish, the usage, <c>[DONE]</c>).
/// </summary>
internal sealed class MockAnswer
{
    private const string Id = "chatcmpl-benchmock";
    private const long Created = 1_767_225_600;
    private const int PromptTokens = 14;

    private static readonly ConcurrentDictionary<(string Model, bool IncludeUsage), MockAnswer> Cache = new();

    private MockAnswer(string model, int chunks, bool includeUsage)
    {
        Json = Write(writer => WriteCompletion(writer, model, chunks));
        var role = Event(writer => WriteChunk(writer, model, includeUsage, role: true, content: "", finish: null));
        Content = new byte[chunks][];
        for (var i = 0; i < chunks; i++)
        {
            var token = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ";
            Content[i] = Event(writer => WriteChunk(writer, model, includeUsage, role: false, content: token, finish: null));
        }

        // The role event and the first token leave together, as a provider's first read usually carries both.
        First = [.. role, .. Content[0]];
        var finish = Event(writer => WriteChunk(writer, model, includeUsage, role: false, content: null, finish: "stop"));
        var usage = includeUsage ? Event(writer => WriteUsageChunk(writer, model, chunks)) : [];
        Tail = [.. finish, .. usage, .. "data: [DONE]\n\n"u8];
    }

    public byte[] Json { get; }

    public byte[] First { get; }

    public byte[][] Content { get; }

    public byte[] Tail { get; }

    public static MockAnswer For(string model, int chunks, bool includeUsage) =>
        Cache.GetOrAdd((model, includeUsage), key => new MockAnswer(key.Model, chunks, key.IncludeUsage));

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Event(Action<Utf8JsonWriter> write) => [.. "data: "u8, .. Write(write), .. "\n\n"u8];

    private static void WriteCompletion(Utf8JsonWriter writer, string model, int chunks)
    {
        WriteHeader(writer, model, "chat.completion");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("message");
        writer.WriteString("role", "assistant");
        writer.WriteString("content", string.Concat(Enumerable.Range(0, chunks).Select(i => $"w{i} ")));
        writer.WriteNull("refusal");
        writer.WriteStartArray("annotations");
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", "stop");
        writer.WriteEndObject();
        writer.WriteEndArray();
        WriteUsage(writer, chunks);
        writer.WriteEndObject();
    }

    private static void WriteChunk(Utf8JsonWriter writer, string model, bool includeUsage, bool role, string? content, string? finish)
    {
        WriteHeader(writer, model, "chat.completion.chunk");
        writer.WriteStartArray("choices");
        writer.WriteStartObject();
        writer.WriteNumber("index", 0);
        writer.WriteStartObject("delta");
        if (role)
        {
            writer.WriteString("role", "assistant");
            writer.WriteString("content", content);
            writer.WriteNull("refusal");
        }
        else if (content is not null)
        {
            writer.WriteString("content", content);
        }

        writer.WriteEndObject();
        writer.WriteNull("logprobs");
        writer.WriteString("finish_reason", finish);
        writer.WriteEndObject();
        writer.WriteEndArray();
        if (includeUsage)
        {
            writer.WriteNull("usage");
        }

        writer.WriteEndObject();
    }

    private static void WriteUsageChunk(Utf8JsonWriter writer, string model, int chunks)
    {
        WriteHeader(writer, model, "chat.completion.chunk");
        writer.WriteStartArray("choices");
        writer.WriteEndArray();
        WriteUsage(writer, chunks);
        writer.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter writer, string model, string type)
    {
        writer.WriteStartObject();
        writer.WriteString("id", Id);
        writer.WriteString("object", type);
        writer.WriteNumber("created", Created);
        writer.WriteString("model", model);
        writer.WriteString("service_tier", "default");
        writer.WriteString("system_fingerprint", "fp_benchmock");
    }

    private static void WriteUsage(Utf8JsonWriter writer, int completionTokens)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("completion_tokens", completionTokens);
        writer.WriteNumber("total_tokens", PromptTokens + completionTokens);
        writer.WriteStartObject("prompt_tokens_details");
        writer.WriteNumber("cached_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteEndObject();
        writer.WriteStartObject("completion_tokens_details");
        writer.WriteNumber("reasoning_tokens", 0);
        writer.WriteNumber("audio_tokens", 0);
        writer.WriteNumber("accepted_prediction_tokens", 0);
        writer.WriteNumber("rejected_prediction_tokens", 0);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
