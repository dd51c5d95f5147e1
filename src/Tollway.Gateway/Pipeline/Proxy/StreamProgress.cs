using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>What a relayed stream has shown so far.</summary>
internal sealed class StreamProgress
{
    public TokenUsage? Usage { get; set; }

    /// <summary><c>data: [DONE]</c> came: the stream is complete. The event itself is held back until the request is settled.</summary>
    public bool SawDone => DoneEvent is not null;

    /// <summary>The <c>[DONE]</c> event as the provider sent it, written after the usage chunk.</summary>
    public byte[]? DoneEvent { get; set; }

    /// <summary>The provider sent its own error event, which the client has already received.</summary>
    public bool SawProviderError { get; set; }

    /// <summary>The event that carried the usage, held back so the cost can be added to it once the request is settled.</summary>
    public byte[]? UsageEvent { get; set; }

    /// <summary>Whether <see cref="UsageEvent"/> also carries choices (a provider that puts usage on its last content chunk).</summary>
    public bool UsageEventHasContent { get; set; }

    /// <summary>Generated text seen so far, for billing a stream that ends without usage.</summary>
    public DeltaTextCollector Generated { get; } = new();

    public long BytesSent { get; set; }

    /// <summary>What had gone to the client when it left; <see langword="null"/> while it is there.</summary>
    public long? SentBeforeLeaving { get; set; }

    /// <summary>Why the provider's stream ended early (broken off, timed out, an event too long), if it did.</summary>
    public string? Failure { get; set; }

    /// <summary>Whether the gateway stopped following a generation the provider may have gone on with (and billed).</summary>
    public bool Abandoned { get; set; }
}
