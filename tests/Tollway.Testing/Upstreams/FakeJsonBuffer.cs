using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// A reusable JSON writer over a growable buffer: a stream writes each chunk into it in turn, so a request
/// allocates one buffer however many events it sends.
/// </summary>
internal sealed class FakeJsonBuffer : IDisposable
{
    // Relaxed escaping keeps non-ASCII text and quotes inside strings readable, as OpenAI sends them.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;

    public FakeJsonBuffer() => _json = new Utf8JsonWriter(_buffer, Options);

    /// <summary>Starts a new JSON document, discarding the previous one.</summary>
    public Utf8JsonWriter Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        return _json;
    }

    /// <summary>The bytes of the document written since <see cref="Begin"/>; valid until the next call to it.</summary>
    public ReadOnlyMemory<byte> End()
    {
        _json.Flush();
        return _buffer.WrittenMemory;
    }

    public void Dispose() => _json.Dispose();
}
