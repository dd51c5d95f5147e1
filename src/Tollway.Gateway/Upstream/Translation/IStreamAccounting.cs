using System.Buffers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// What the stream relay needs to know of events it forwards untranslated in a dialect other than OpenAI's (Anthropic's
/// events passed through to an Anthropic client): which event ends the stream, which carries the final usage (held back
/// until the request is settled, then sent with its cost), and how to say that the stream broke.
/// </summary>
internal interface IStreamAccounting
{
    /// <summary>Classifies one event; <paramref name="usage"/> is the usage known once it came, if it completes it.</summary>
    SseEventKind Classify(ReadOnlySpan<byte> sseEvent, out TokenUsage? usage);

    /// <summary>The held-back usage event with the cost added (the event as it came when there is no cost).</summary>
    void WriteUsageEvent(ReadOnlySpan<byte> usageEvent, UsageCost? cost, IBufferWriter<byte> output);

    /// <summary>Appends the dialect's error event for a stream the gateway ends in error.</summary>
    void WriteError(string message, IBufferWriter<byte> output);
}
