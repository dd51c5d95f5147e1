namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// How one family of models turns a request into prompt tokens: the encoding of its text, and the tokens its chat
/// template and media add on top. Every figure is the most the family is known to add, so that holds are never short.
/// </summary>
/// <param name="Name">A name for diagnostics and tests.</param>
/// <param name="Encoding">How text is counted.</param>
/// <param name="TokensPerMessage">Framing around each chat message, beyond its strings.</param>
/// <param name="ReplyPriming">Tokens that open the assistant's reply at the end of a chat prompt.</param>
/// <param name="TemplateAllowance">Once per chat request: a system preamble the provider's template may add.</param>
/// <param name="ToolsAllowance">Once per chat request that declares tools: the template's wrapper or instructions.</param>
/// <param name="TokensPerInput">Per completions prompt or embeddings input: special tokens the server may add.</param>
/// <param name="ImageTokens">The most one image part can cost (the high-detail cost of the largest image).</param>
/// <param name="BoundsAudio">Whether the family's audio input is metered at a known rate from formats whose size bounds
/// their duration (OpenAI's: wav and mp3 at 10 tokens a second); any other family's audio is not measured.</param>
internal sealed record ModelFamily(
    string Name,
    TokenEncoding Encoding,
    int TokensPerMessage,
    int ReplyPriming,
    int TemplateAllowance,
    int ToolsAllowance,
    int TokensPerInput,
    int ImageTokens,
    bool BoundsAudio = false)
{
    /// <summary>Added when a message has a <c>name</c> (the OpenAI cookbook's <c>tokens_per_name</c>).</summary>
    public const int TokensPerName = 1;
}
