using System.Collections.Frozen;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>
/// The provider families Tollway knows by name, each checked against the provider's own documentation (see
/// <see cref="ProviderPreset.DocumentationUrl"/>). Config names one of these with <c>"preset"</c>.
/// </summary>
internal static class ProviderPresets
{
    public const string OpenAi = "openai";
    public const string Azure = "azure";
    public const string Anthropic = "anthropic";
    public const string Gemini = "gemini";
    public const string DeepSeek = "deepseek";
    public const string Qwen = "qwen";
    public const string Mistral = "mistral";
    public const string Groq = "groq";
    public const string Together = "together";
    public const string Fireworks = "fireworks";
    public const string XAi = "xai";
    public const string Perplexity = "perplexity";
    public const string Cerebras = "cerebras";
    public const string OpenRouter = "openrouter";
    public const string Ollama = "ollama";
    public const string Vllm = "vllm";
    public const string Custom = "custom";

    private const ProviderOperations AllOperations =
        ProviderOperations.ChatCompletions | ProviderOperations.Completions | ProviderOperations.Embeddings;

    public static IReadOnlyList<ProviderPreset> All { get; } =
    [
        Hosted(OpenAi, "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY",
            documentationUrl: "https://platform.openai.com/docs/api-reference/chat/create") with
        {
            Operations = AllOperations,
            StreamUsage = StreamUsageSupport.StreamOptions,
            // Reasoning models and GPT-5 refuse max_tokens.
            OutputLimitMember = ProviderPreset.MaxCompletionTokens,
        },
        new()
        {
            Name = Azure,
            DisplayName = "Azure OpenAI",
            Auth = ProviderAuthStyle.Header,
            AuthHeaderName = "api-key",
            ApiKeyEnvironmentVariable = "AZURE_OPENAI_API_KEY",
            Operations = AllOperations,
            // 2024-10-21 is the first GA version that returns the include_usage chunk.
            StreamUsage = StreamUsageSupport.StreamOptions,
            UsesDeploymentPath = true,
            // The newer /openai/v1 surface takes no api-version; on the deployment path this is the latest dated GA.
            // max_tokens stays the output limit: the 2024-10-21 GA api-version has no max_completion_tokens.
            DefaultApiVersion = "2024-10-21",
            DocumentationUrl = "https://learn.microsoft.com/azure/ai-foundry/openai/reference",
        },
        new()
        {
            Name = Anthropic,
            DisplayName = "Anthropic",
            // The native Messages API: requests and answers are translated, and /v1/messages passes through as it came.
            BaseUrl = "https://api.anthropic.com/v1",
            WireFormat = WireFormat.Anthropic,
            Auth = ProviderAuthStyle.Header,
            AuthHeaderName = "x-api-key",
            ExtraHeaders = new Dictionary<string, string> { ["anthropic-version"] = "2023-06-01" },
            ApiKeyEnvironmentVariable = "ANTHROPIC_API_KEY",
            Operations = ProviderOperations.ChatCompletions,
            // Usage rides on message_start and message_delta of every stream.
            StreamUsage = StreamUsageSupport.AlwaysIncluded,
            DocumentationUrl = "https://docs.anthropic.com/en/api/messages",
        },
        new()
        {
            Name = Gemini,
            DisplayName = "Google Gemini",
            // The native Gemini API; the key travels in x-goog-api-key, never in the URL.
            BaseUrl = "https://generativelanguage.googleapis.com/v1beta",
            WireFormat = WireFormat.Gemini,
            Auth = ProviderAuthStyle.Header,
            AuthHeaderName = "x-goog-api-key",
            ApiKeyEnvironmentVariable = "GEMINI_API_KEY",
            Operations = ProviderOperations.ChatCompletions | ProviderOperations.Embeddings,
            // usageMetadata rides on every streamed response, the last one complete.
            StreamUsage = StreamUsageSupport.AlwaysIncluded,
            DocumentationUrl = "https://ai.google.dev/api/generate-content",
        },
        // DeepSeek documents the bare host; "/v1" is accepted too but is not a version.
        Hosted(DeepSeek, "DeepSeek", "https://api.deepseek.com", "DEEPSEEK_API_KEY",
            documentationUrl: "https://api-docs.deepseek.com/") with
        {
            // Text (FIM) completion lives under the separate /beta base, so /completions here would 404.
            Operations = ProviderOperations.ChatCompletions,
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        // Alibaba now suggests per-workspace hosts, but this one still works and needs no workspace id.
        Hosted(Qwen, "Qwen (Alibaba Cloud Model Studio)", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "DASHSCOPE_API_KEY",
            documentationUrl: "https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope") with
        {
            Operations = ProviderOperations.ChatCompletions | ProviderOperations.Embeddings,
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        Hosted(Mistral, "Mistral AI", "https://api.mistral.ai/v1", "MISTRAL_API_KEY",
            documentationUrl: "https://docs.mistral.ai/api") with
        {
            // Code completion is /fim/completions with its own body, not OpenAI's /completions.
            Operations = ProviderOperations.ChatCompletions | ProviderOperations.Embeddings,
            // Usage rides on the final chunk unasked; whether stream_options is tolerated is not documented.
            StreamUsage = StreamUsageSupport.AlwaysIncluded,
        },
        Hosted(Groq, "Groq", "https://api.groq.com/openai/v1", "GROQ_API_KEY",
            documentationUrl: "https://console.groq.com/docs/openai") with
        {
            // Groq lists text completions as unsupported and offers no embeddings endpoint.
            Operations = ProviderOperations.ChatCompletions,
            // Without stream_options Groq reports usage only in its own x_groq.usage field.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        Hosted(Together, "Together AI", "https://api.together.ai/v1", "TOGETHER_API_KEY",
            documentationUrl: "https://docs.together.ai/docs/inference/openai-compatibility") with
        {
            Operations = AllOperations,
            // Most models send usage anyway, but some newer ones omit it unless asked.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        Hosted(Fireworks, "Fireworks AI", "https://api.fireworks.ai/inference/v1", "FIREWORKS_API_KEY",
            documentationUrl: "https://docs.fireworks.ai/tools-sdks/openai-compatibility") with
        {
            Operations = AllOperations,
            // Older models send usage anyway, but newer ones omit it unless asked.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        Hosted(XAi, "xAI", "https://api.x.ai/v1", "XAI_API_KEY",
            documentationUrl: "https://docs.x.ai/api") with
        {
            // xAI exposes no public embeddings and its legacy /completions could not be confirmed as still served.
            Operations = ProviderOperations.ChatCompletions,
            // Usage arrives on the finish_reason chunk rather than a separate empty-choices chunk.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        // Perplexity's chat route has no version segment.
        Hosted(Perplexity, "Perplexity", "https://api.perplexity.ai", "PERPLEXITY_API_KEY",
            documentationUrl: "https://docs.perplexity.ai/docs/sonar/openai-compatibility") with
        {
            // Sonar chat completions were announced as retired on 2026-09-27 for the Responses-only Agent API;
            // kept so existing configs load, but expect the upstream to refuse.
            Operations = ProviderOperations.ChatCompletions,
            // Seen in captured streams rather than stated on Perplexity's own pages.
            StreamUsage = StreamUsageSupport.AlwaysIncluded,
        },
        Hosted(Cerebras, "Cerebras", "https://api.cerebras.ai/v1", "CEREBRAS_API_KEY",
            documentationUrl: "https://inference-docs.cerebras.ai/resources/openai") with
        {
            Operations = ProviderOperations.ChatCompletions | ProviderOperations.Completions,
            // Taken from the request schema of Cerebras's official SDK, which is generated from its API spec.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
        Hosted(OpenRouter, "OpenRouter", "https://openrouter.ai/api/v1", "OPENROUTER_API_KEY",
            documentationUrl: "https://openrouter.ai/docs/use-cases/usage-accounting") with
        {
            Operations = AllOperations,
            // OpenRouter deprecated stream_options.include_usage: the last chunk always carries usage.
            StreamUsage = StreamUsageSupport.AlwaysIncluded,
        },
        new()
        {
            Name = Ollama,
            DisplayName = "Ollama",
            BaseUrl = "http://127.0.0.1:11434/v1",
            Auth = ProviderAuthStyle.None,
            RequiresApiKey = false,
            Operations = AllOperations,
            StreamUsage = StreamUsageSupport.StreamOptions,
            DocumentationUrl = "https://docs.ollama.com/api/openai-compatibility",
        },
        new()
        {
            Name = Vllm,
            DisplayName = "vLLM",
            // vllm serve only checks a key when started with --api-key; this is the variable it reads for that.
            ApiKeyEnvironmentVariable = "VLLM_API_KEY",
            RequiresApiKey = false,
            // Each endpoint works only for a model served in the matching mode.
            Operations = AllOperations,
            StreamUsage = StreamUsageSupport.StreamOptions,
            DocumentationUrl = "https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
        },
        new()
        {
            Name = Custom,
            DisplayName = "Custom OpenAI-compatible",
            RequiresApiKey = false,
            // Chat is the one operation every OpenAI-compatible server can be assumed to serve.
            Operations = ProviderOperations.ChatCompletions,
            // This is OpenAI's contract; a server that ignores unknown fields simply reports no usage.
            StreamUsage = StreamUsageSupport.StreamOptions,
        },
    ];

    private static FrozenDictionary<string, ProviderPreset> ByName { get; } =
        All.ToFrozenDictionary(preset => preset.Name, StringComparer.OrdinalIgnoreCase);

    public static ProviderPreset? Find(string name) => ByName.TryGetValue(name, out var preset) ? preset : null;

    /// <summary>
    /// A hosted API that speaks OpenAI's format with the key as a bearer token (<see cref="ProviderPreset"/>'s defaults):
    /// what tells one such preset from another is where it lives, where its key is read from, and (set with
    /// <c>with</c>) what it serves and how it reports usage on streams.
    /// </summary>
    private static ProviderPreset Hosted(string name, string displayName, string baseUrl, string apiKeyVariable, string documentationUrl) => new()
    {
        Name = name,
        DisplayName = displayName,
        BaseUrl = baseUrl,
        ApiKeyEnvironmentVariable = apiKeyVariable,
        DocumentationUrl = documentationUrl,
    };
}
