namespace Tollway.Gateway.Proxy;

/// <summary>
/// What routing and pricing need from a request body, read in one pass without building a document, plus where the
/// fields the gateway may rewrite sit in the raw bytes.
/// </summary>
internal sealed class InspectedRequest
{
    public string? Model { get; set; }

    /// <summary>Byte range of the <c>model</c> value (quotes included).</summary>
    public Range ModelValue { get; set; }

    public bool Stream { get; set; }

    /// <summary>Whether the client itself asked for the usage chunk of a stream.</summary>
    public bool ClientWantsStreamUsage { get; set; }

    /// <summary>Byte range of the whole <c>stream_options</c> value, when present.</summary>
    public Range? StreamOptionsValue { get; set; }

    /// <summary>Offset of the root object's closing brace.</summary>
    public int RootEnd { get; set; }

    /// <summary><c>max_completion_tokens</c>, else <c>max_tokens</c>.</summary>
    public int? MaxOutputTokens { get; set; }

    public bool HasTools { get; set; }

    /// <summary>The number of choices asked for (<c>n</c>).</summary>
    public int Choices { get; set; } = 1;
}
