namespace Tollway.Gateway.Catalog.Models;

/// <summary>The model types a config may name.</summary>
public static class ModelTypes
{
    /// <summary>Serves <c>/v1/chat/completions</c> and <c>/v1/completions</c>.</summary>
    public const string Chat = "chat";

    /// <summary>Serves <c>/v1/embeddings</c>.</summary>
    public const string Embedding = "embedding";
}
