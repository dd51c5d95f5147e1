using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>
/// What Tollway knows about a provider family before the operator configures it: where it lives, how it wants its
/// key, and the ways its OpenAI-compatible API differs from OpenAI's. A configured provider names one preset and may
/// override the base URL.
/// </summary>
public sealed record ProviderPreset
{
    /// <summary>The name used in config (<c>"preset": "deepseek"</c>).</summary>
    public required string Name { get; init; }

    /// <summary>A human name for listings.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The base URL, up to and including the version segment (<c>https://api.openai.com/v1</c>);
    /// <see langword="null"/> where every deployment has its own (Azure, vLLM, custom).</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The API dialect it speaks; anything but <see cref="WireFormat.OpenAi"/> is translated both ways.</summary>
    public WireFormat WireFormat { get; init; } = WireFormat.OpenAi;

    /// <summary>How the key travels.</summary>
    public ProviderAuthStyle Auth { get; init; } = ProviderAuthStyle.Bearer;

    /// <summary>The header that carries the key when <see cref="Auth"/> is <see cref="ProviderAuthStyle.Header"/>.</summary>
    public string? AuthHeaderName { get; init; }

    /// <summary>The environment variable a key is read from when the config names none (<c>OPENAI_API_KEY</c>).</summary>
    public string? ApiKeyEnvironmentVariable { get; init; }

    /// <summary>Whether a key is required for the provider to be usable.</summary>
    public bool RequiresApiKey { get; init; } = true;

    /// <summary>The operations the provider serves.</summary>
    public ProviderOperations Operations { get; init; } = ProviderOperations.ChatCompletions;

    /// <summary>How usage arrives on streams.</summary>
    public StreamUsageSupport StreamUsage { get; init; } = StreamUsageSupport.StreamOptions;

    /// <summary>Azure-style addressing: <c>{base}/openai/deployments/{model}/{operation}?api-version=…</c>.</summary>
    public bool UsesDeploymentPath { get; init; }

    /// <summary>The <c>api-version</c> query value sent when <see cref="UsesDeploymentPath"/> is set and the config names none.</summary>
    public string? DefaultApiVersion { get; init; }

    /// <summary>Headers every request to this provider carries (never secrets).</summary>
    public IReadOnlyDictionary<string, string> ExtraHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary><c>max_tokens</c>, the output limit member every OpenAI-compatible API reads.</summary>
    public const string MaxTokens = "max_tokens";

    /// <summary><c>max_completion_tokens</c>, OpenAI's newer name for the output limit.</summary>
    public const string MaxCompletionTokens = "max_completion_tokens";

    /// <summary>
    /// The member a chat completion carries its output limit in when the gateway sets one (the client named none, or
    /// more than the endpoint gives): <see cref="MaxTokens"/>, which every OpenAI-compatible API reads, or
    /// <see cref="MaxCompletionTokens"/> where some models refuse <c>max_tokens</c> (OpenAI's reasoning models and later).
    /// An API that reads the newer name reads the older too. A provider's <c>outputLimitMember</c> overrides it.
    /// </summary>
    public string OutputLimitMember { get; init; } = MaxTokens;

    /// <summary>Where the provider documents its OpenAI-compatible API, for operators reading <c>tollway providers presets</c>.</summary>
    public string? DocumentationUrl { get; init; }
}
