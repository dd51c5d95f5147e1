namespace Tollway.Gateway.Upstream.Providers;

/// <summary>How a provider expects its API key on each request.</summary>
public enum ProviderAuthStyle
{
    /// <summary>No key is sent (local servers such as Ollama).</summary>
    None,

    /// <summary><c>Authorization: Bearer &lt;key&gt;</c>, the OpenAI convention.</summary>
    Bearer,

    /// <summary>The key alone in a named header (Azure OpenAI's <c>api-key</c>).</summary>
    Header,
}
