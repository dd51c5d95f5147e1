namespace Tollway.Gateway.Wire;

/// <summary>
/// What routing and pricing need from a request body, read in one pass without building a document, plus where the
/// fields the gateway may rewrite sit in the raw bytes. Made whole by inspection (with what the client's API adds) and
/// never changed after: every stage after it reads the same request.
/// </summary>
internal sealed class InspectedRequest
{
    public string? Model { get; init; }

    /// <summary>Byte range of the <c>model</c> value (quotes included).</summary>
    public Range ModelValue { get; init; }

    public bool Stream { get; init; }

    /// <summary>Whether the client itself asked for the usage chunk of a stream.</summary>
    public bool ClientWantsStreamUsage { get; init; }

    /// <summary>Byte range of the whole <c>stream_options</c> value, when present.</summary>
    public Range? StreamOptionsValue { get; init; }

    /// <summary>Offset of the root object's closing brace.</summary>
    public int RootEnd { get; init; }

    /// <summary>The larger of <c>max_tokens</c> and <c>max_completion_tokens</c> where both are given: a provider may
    /// read either, so only the larger bounds what it may generate.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Which of the two <see cref="MaxOutputTokens"/> came from, to name it in an error.</summary>
    public string MaxOutputTokensParam { get; init; } = "max_tokens";

    /// <summary><c>max_tokens</c> as sent, when present: where to lower it, or set it when it is null.</summary>
    public OutputLimitValue? MaxTokensValue { get; init; }

    /// <summary><c>max_completion_tokens</c> as sent, when present.</summary>
    public OutputLimitValue? MaxCompletionTokensValue { get; init; }

    public bool HasTools { get; init; }

    /// <summary>Whether a message carries an image part (<c>image_url</c>).</summary>
    public bool UsesImages { get; init; }

    /// <summary>Whether <c>response_format</c> asks for a JSON schema.</summary>
    public bool UsesJsonSchema { get; init; }

    /// <summary>The number of choices asked for (<c>n</c>), from 1 to the inspector's <c>MaxChoices</c>.</summary>
    public int Choices { get; init; } = 1;

    /// <summary>What the request asks for that is priced apart from its tokens (the priority tier, 1-hour cache writes,
    /// server tools, web searches), which each endpoint must have a price for.</summary>
    public PricedFeatures Features { get; init; }

    /// <summary>Whether OpenRouter's <c>file-parser</c> plugin names a PDF engine (one that is free or billed as
    /// tokens): without one, OpenRouter may parse a document with OCR billed per page.</summary>
    public bool PdfEngineNamed { get; init; }

    /// <summary>Byte range of the whole <c>models</c> member (name and value): OpenRouter's fallback list, read by the
    /// gateway and never sent upstream.</summary>
    public Range? ModelsMember { get; init; }

    /// <summary>Byte range of the <c>models</c> value.</summary>
    public Range? ModelsValue { get; init; }

    /// <summary>Byte range of the whole <c>provider</c> member: OpenRouter's routing preferences, never sent upstream.</summary>
    public Range? ProviderMember { get; init; }

    /// <summary>Byte range of the <c>provider</c> value.</summary>
    public Range? ProviderValue { get; init; }

    /// <summary>The API the client spoke: OpenAI's, or Anthropic's Messages API on <c>/v1/messages</c> (translated to a
    /// chat completion for routing and pricing; errors and answers go back in its own shapes).</summary>
    public WireFormat ClientFormat { get; init; }

    /// <summary>The body as an Anthropic client sent it, passed on as it came to an Anthropic-format provider.</summary>
    public ReadOnlyMemory<byte> NativeBody { get; init; }

    /// <summary>Byte range of the <c>model</c> value in <see cref="NativeBody"/>.</summary>
    public Range NativeModelValue { get; init; }

    /// <summary>Byte range of the <c>max_tokens</c> value in <see cref="NativeBody"/>, lowered where the endpoint gives less.</summary>
    public Range NativeMaxTokensValue { get; init; }

    /// <summary>A thinking budget the client asked for in a dialect the chat completion has no member for.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>Whether the body carries members only the gateway reads, which must be removed before forwarding.</summary>
    public bool HasGatewayOnlyMembers => ModelsMember is not null || ProviderMember is not null;
}
