using System.Buffers;
using System.Text.Json;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// Writes OpenAI <c>chat.completion.chunk</c> events (<c>data: {…}\n\n</c>) for a stream decoded from another dialect:
/// the role, content, reasoning and tool-call deltas, the finish, the usage chunk (<c>choices: []</c>), an error
/// chunk and <c>[DONE]</c>. Every chunk of one stream shares its id, model and creation time.
/// </summary>
internal sealed class OpenAiChunkWriter(long created)
{
    private Utf8JsonWriter? _writer;

    public string Id { get; set; } = "chatcmpl-" + Guid.NewGuid().ToString("N");

    public string Model { get; set; } = "";

    public void Role(IBufferWriter<byte> output, int choice = 0) => Delta(output, choice, static (w, _) =>
    {
        w.WriteString("role"u8, "assistant");
        w.WriteString("content"u8, "");
    }, 0);

    public void Content(IBufferWriter<byte> output, string text, int choice = 0) =>
        Delta(output, choice, static (w, t) => w.WriteString("content"u8, t), text);

    /// <summary>Thinking text, in OpenRouter's <c>reasoning</c> field.</summary>
    public void Reasoning(IBufferWriter<byte> output, string text, int choice = 0) =>
        Delta(output, choice, static (w, t) => w.WriteString("reasoning"u8, t), text);

    /// <summary>A tool call's opening fragment (id, name) with its first arguments, if any.</summary>
    public void ToolCallStart(IBufferWriter<byte> output, in ToolCallOpening call, int choice = 0) =>
        Delta(output, choice, static (w, s) =>
        {
            w.WriteStartArray("tool_calls"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, s.ToolIndex);
            w.WriteString("id"u8, s.Id);
            w.WriteString("type"u8, "function");
            w.WriteStartObject("function"u8);
            w.WriteString("name"u8, s.Name);
            w.WriteString("arguments"u8, s.Arguments);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }, call);

    public void ToolArguments(IBufferWriter<byte> output, int toolIndex, string fragment, int choice = 0) =>
        Delta(output, choice, static (w, s) =>
        {
            w.WriteStartArray("tool_calls"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, s.toolIndex);
            w.WriteStartObject("function"u8);
            w.WriteString("arguments"u8, s.fragment);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }, (toolIndex, fragment));

    public void Finish(IBufferWriter<byte> output, string finishReason, int choice = 0) =>
        Chunk(output, (choice, finishReason), static (w, s) =>
        {
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, s.choice);
            w.WriteStartObject("delta"u8);
            w.WriteEndObject();
            w.WriteString("finish_reason"u8, s.finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
        });

    /// <summary>The usage chunk: empty <c>choices</c>, as OpenAI sends it for <c>include_usage</c>.</summary>
    public void Usage(IBufferWriter<byte> output, TokenUsage usage) => Chunk(output, usage, static (w, u) =>
    {
        w.WriteStartArray("choices"u8);
        w.WriteEndArray();
        OpenAiUsageJson.Write(w, u);
    });

    /// <summary>The provider's error: a chunk whose choice ends in error and which carries the error itself, its code the
    /// provider's error type (<c>overloaded_error</c>).</summary>
    public void Error(IBufferWriter<byte> output, string code, string message) => Chunk(output, (code, message), static (w, s) =>
        WriteErrorMembers(w, new GatewayError(502, "server_error", s.code, s.message)));

    /// <summary>
    /// The members of a chunk that ends a stream in error: a choice whose <c>finish_reason</c> is <c>error</c> (as
    /// OpenRouter sends one) and the error itself, so a client reading choices and a client looking for <c>error</c>
    /// both see that the answer is incomplete. Shared with the relay's own error event for untranslated streams.
    /// </summary>
    public static void WriteErrorMembers(Utf8JsonWriter w, GatewayError error)
    {
        w.WriteStartArray("choices"u8);
        w.WriteStartObject();
        w.WriteNumber("index"u8, 0);
        w.WriteStartObject("delta"u8);
        w.WriteEndObject();
        w.WriteString("finish_reason"u8, "error");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WritePropertyName("error"u8);
        OpenAiErrorWriter.WriteErrorObject(w, error);
    }

    public static void Done(IBufferWriter<byte> output) => output.Write("data: [DONE]\n\n"u8);

    private void Delta<TState>(IBufferWriter<byte> output, int choice, Action<Utf8JsonWriter, TState> members, TState state) =>
        Chunk(output, (choice, members, state), static (w, s) =>
        {
            w.WriteStartArray("choices"u8);
            w.WriteStartObject();
            w.WriteNumber("index"u8, s.choice);
            w.WriteStartObject("delta"u8);
            s.members(w, s.state);
            w.WriteEndObject();
            w.WriteNull("finish_reason"u8);
            w.WriteEndObject();
            w.WriteEndArray();
        });

    private void Chunk<TState>(IBufferWriter<byte> output, TState state, Action<Utf8JsonWriter, TState> body)
    {
        output.Write("data: "u8);
        // One writer for the whole stream, pointed at each chunk's output in turn: a stream is thousands of chunks.
        var writer = _writer ??= new Utf8JsonWriter(output, OpenAiJson.WriterOptions);
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id);
        writer.WriteString("object"u8, "chat.completion.chunk");
        writer.WriteNumber("created"u8, created);
        writer.WriteString("model"u8, Model);
        body(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n\n"u8);
    }
}
