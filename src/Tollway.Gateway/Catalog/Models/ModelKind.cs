namespace Tollway.Gateway.Catalog.Models;

/// <summary>What a model serves.</summary>
public enum ModelKind
{
    /// <summary>Chat and text completions.</summary>
    Chat,

    /// <summary>Embeddings.</summary>
    Embedding,
}
