namespace Tollway.Gateway.Upstream.Providers;

/// <summary>The OpenAI-compatible operations an upstream serves.</summary>
[Flags]
public enum ProviderOperations
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>POST /chat/completions</c>.</summary>
    ChatCompletions = 1,

    /// <summary><c>POST /completions</c> (legacy text completions).</summary>
    Completions = 2,

    /// <summary><c>POST /embeddings</c>.</summary>
    Embeddings = 4,
}
