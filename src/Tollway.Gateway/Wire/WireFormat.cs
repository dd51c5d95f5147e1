namespace Tollway.Gateway.Wire;

/// <summary>
/// The API dialect a provider speaks. Only providers whose dialect is not OpenAI's have their requests and answers
/// translated; every OpenAI-compatible provider gets the client's bytes as they came.
/// </summary>
public enum WireFormat
{
    /// <summary>OpenAI's chat completions, completions and embeddings (and every compatible server).</summary>
    OpenAi,

    /// <summary>Anthropic's Messages API (<c>POST /v1/messages</c>).</summary>
    Anthropic,

    /// <summary>Google's Gemini API (<c>models/{model}:generateContent</c>, <c>:streamGenerateContent</c>, <c>:batchEmbedContents</c>).</summary>
    Gemini,
}
