using System.Collections.Frozen;
using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Money.Pricing.Import;

/// <summary>LiteLLM's <c>litellm_provider</c> names and the Tollway preset whose endpoints their prices apply to.</summary>
internal static class LiteLlmProviders
{
    private static readonly FrozenDictionary<string, string> Presets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["openai"] = ProviderPresets.OpenAi,
        ["text-completion-openai"] = ProviderPresets.OpenAi,
        ["azure"] = ProviderPresets.Azure,
        ["anthropic"] = ProviderPresets.Anthropic,
        ["gemini"] = ProviderPresets.Gemini,
        ["deepseek"] = ProviderPresets.DeepSeek,
        ["dashscope"] = ProviderPresets.Qwen,
        ["mistral"] = ProviderPresets.Mistral,
        ["groq"] = ProviderPresets.Groq,
        ["together_ai"] = ProviderPresets.Together,
        ["fireworks_ai"] = ProviderPresets.Fireworks,
        ["xai"] = ProviderPresets.XAi,
        ["perplexity"] = ProviderPresets.Perplexity,
        ["cerebras"] = ProviderPresets.Cerebras,
        ["openrouter"] = ProviderPresets.OpenRouter,
        ["ollama"] = ProviderPresets.Ollama,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The preset for a LiteLLM provider name, or <see langword="null"/> when Tollway has none.</summary>
    public static string? PresetFor(string provider) => Presets.GetValueOrDefault(provider);

    /// <summary>The provider's own model id: the key without LiteLLM's <c>provider/</c> prefix (<c>groq/llama-3.1-8b-instant</c>).</summary>
    public static string UpstreamId(string key, string provider) =>
        key.StartsWith(provider + "/", StringComparison.Ordinal) ? key[(provider.Length + 1)..] : key;
}
