namespace Tollway.Gateway.Proxy;

/// <summary>What a relayed stream has shown so far.</summary>
internal sealed class StreamProgress
{
    public TokenUsage? Usage { get; set; }

    /// <summary><c>data: [DONE]</c> went through: the stream is complete.</summary>
    public bool SawDone { get; set; }

    /// <summary>The provider sent its own error event, which the client has already received.</summary>
    public bool SawProviderError { get; set; }

    public long BytesSent { get; set; }
}
