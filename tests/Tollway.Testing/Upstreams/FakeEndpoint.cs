namespace Tollway.Testing.Upstreams;

/// <summary>The OpenAI operations the fake upstream answers.</summary>
internal enum FakeEndpoint
{
    NotFound,
    ChatCompletions,
    Completions,
    Embeddings,
    ListModels,
    RetrieveModel,
}
