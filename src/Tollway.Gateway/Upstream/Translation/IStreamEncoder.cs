using System.Buffers;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// Turns the OpenAI chunk events the gateway relays into another API's events for the client (Anthropic's on
/// <c>/v1/messages</c>), event by event. Sees the usage chunk only once the request is settled, with its cost in it.
/// </summary>
internal interface IStreamEncoder
{
    /// <summary>Appends the client's events for one OpenAI event (a chunk, the usage chunk, an error or <c>[DONE]</c>).</summary>
    void Encode(ReadOnlySpan<byte> openAiEvent, IBufferWriter<byte> output);

    /// <summary>Appends the client's error event for a stream the gateway ends in error.</summary>
    void EncodeError(string message, IBufferWriter<byte> output);
}
