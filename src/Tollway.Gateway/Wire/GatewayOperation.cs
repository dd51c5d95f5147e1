namespace Tollway.Gateway.Wire;

/// <summary>The OpenAI-compatible operations the gateway forwards.</summary>
public enum GatewayOperation
{
    /// <summary><c>/chat/completions</c>.</summary>
    ChatCompletions,

    /// <summary><c>/completions</c>.</summary>
    Completions,

    /// <summary><c>/embeddings</c>.</summary>
    Embeddings,
}
