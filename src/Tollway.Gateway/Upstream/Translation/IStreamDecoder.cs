using System.Buffers;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// Turns a native provider's stream into OpenAI <c>chat.completion.chunk</c> events, one upstream event at a time as it
/// arrives, so the gateway's own stream handling (usage held back until settled, error events, billing of a client
/// that leaves) applies unchanged. One instance per stream: it remembers what the events before told it.
/// </summary>
internal interface IStreamDecoder
{
    /// <summary>Appends zero or more complete OpenAI SSE events (<c>data: …\n\n</c>) for one upstream event.</summary>
    void Decode(ReadOnlySpan<byte> sseEvent, IBufferWriter<byte> output);

    /// <summary>The upstream stream ended: appends what is still owed (for a provider whose stream has no end marker,
    /// the usage chunk and <c>[DONE]</c> once its answer was complete).</summary>
    void Complete(IBufferWriter<byte> output);
}
