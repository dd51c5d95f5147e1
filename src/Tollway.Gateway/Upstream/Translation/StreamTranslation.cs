using System.Buffers;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// How one stream is translated: upstream events decoded into OpenAI chunks (Anthropic or Gemini upstreams), OpenAI
/// chunks encoded into the client's dialect (Anthropic clients), or events of another dialect accounted for as they
/// pass through. An OpenAI stream to an OpenAI client has none of these and is relayed byte for byte.
/// </summary>
internal sealed class StreamTranslation
{
    public IStreamDecoder? Decoder { get; init; }

    public IStreamEncoder? Encoder { get; init; }

    public IStreamAccounting? Accounting { get; init; }

    /// <summary>Scratch space for decoded events, reused for every event of the stream.</summary>
    public ArrayBufferWriter<byte> Decoded { get; } = new(1024);

    /// <summary>Scratch space for encoded events, reused for every event of the stream.</summary>
    public ArrayBufferWriter<byte> Encoded { get; } = new(1024);
}
