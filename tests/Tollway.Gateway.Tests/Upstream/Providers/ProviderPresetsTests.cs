using Tollway.Gateway.Upstream.Providers;

namespace Tollway.Gateway.Tests.Upstream.Providers;

public sealed class ProviderPresetsTests
{
    public static TheoryData<string> RequiredNames =>
    [
        "openai", "azure", "deepseek", "qwen", "mistral", "groq", "together", "fireworks", "xai", "perplexity",
        "cerebras", "openrouter", "ollama", "vllm", "custom",
    ];

    [Theory]
    [MemberData(nameof(RequiredNames))]
    public void Find_RequiredPreset_Exists(string name)
    {
        var preset = ProviderPresets.Find(name);

        Assert.NotNull(preset);
        Assert.Equal(name, preset.Name);
        Assert.False(string.IsNullOrWhiteSpace(preset.DisplayName));
    }

    [Fact]
    public void All_Names_AreUniqueIgnoringCase() =>
        Assert.Equal(ProviderPresets.All.Count, ProviderPresets.All.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());

    [Fact]
    public void All_Names_AreLowercaseConfigNames() =>
        Assert.All(ProviderPresets.All, p => Assert.Equal(p.Name.ToLowerInvariant(), p.Name));

    [Theory]
    [InlineData("OpenAI", "openai")]
    [InlineData("AZURE", "azure")]
    [InlineData("OpenRouter", "openrouter")]
    [InlineData("xAI", "xai")]
    public void Find_AnyCase_FindsThePreset(string name, string expected) => Assert.Equal(expected, ProviderPresets.Find(name)?.Name);

    [Theory]
    [InlineData("")]
    [InlineData("claude")]
    [InlineData("open ai")]
    [InlineData(" openai")]
    public void Find_UnknownName_ReturnsNull(string name) => Assert.Null(ProviderPresets.Find(name));

    [Fact]
    public void All_BaseUrls_AreAbsoluteHttpsExceptOllamasLoopback()
    {
        Assert.All(ProviderPresets.All.Where(p => p.BaseUrl is not null), preset =>
        {
            Assert.True(Uri.TryCreate(preset.BaseUrl, UriKind.Absolute, out var uri), preset.Name);
            if (preset.Name == ProviderPresets.Ollama)
            {
                Assert.Equal(Uri.UriSchemeHttp, uri.Scheme);
                Assert.True(uri.IsLoopback);
            }
            else
            {
                Assert.Equal(Uri.UriSchemeHttps, uri.Scheme);
                Assert.False(uri.IsLoopback, preset.Name);
            }

            Assert.True(string.IsNullOrEmpty(uri.Query), preset.Name);
        });
    }

    [Fact]
    public void All_PresetsWithoutBaseUrl_AreThoseWhereEveryDeploymentHasItsOwn() =>
        Assert.Equal(
            ["azure", "custom", "vllm"],
            ProviderPresets.All.Where(p => p.BaseUrl is null).Select(p => p.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void All_PresetsThatRequireAKey_NameTheVariableItIsReadFrom() =>
        Assert.All(ProviderPresets.All.Where(p => p.RequiresApiKey), p => Assert.False(string.IsNullOrWhiteSpace(p.ApiKeyEnvironmentVariable), p.Name));

    [Fact]
    public void All_HeaderAuthPresets_NameTheirHeader() =>
        Assert.All(ProviderPresets.All.Where(p => p.Auth == ProviderAuthStyle.Header), p => Assert.False(string.IsNullOrWhiteSpace(p.AuthHeaderName), p.Name));

    [Fact]
    public void All_Presets_ServeChatCompletions() =>
        Assert.All(ProviderPresets.All, p => Assert.True(p.Operations.HasFlag(ProviderOperations.ChatCompletions), p.Name));

    [Fact]
    public void All_DocumentationUrls_AreAbsoluteHttps() =>
        Assert.All(ProviderPresets.All.Where(p => p.DocumentationUrl is not null), p =>
            Assert.Equal(Uri.UriSchemeHttps, new Uri(p.DocumentationUrl!, UriKind.Absolute).Scheme));

    [Fact]
    public void Azure_UsesApiKeyHeaderDeploymentPathsAndADatedApiVersion()
    {
        var azure = ProviderPresets.Find(ProviderPresets.Azure)!;

        Assert.Equal(ProviderAuthStyle.Header, azure.Auth);
        Assert.Equal("api-key", azure.AuthHeaderName);
        Assert.True(azure.UsesDeploymentPath);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}(-preview)?$", azure.DefaultApiVersion);
        Assert.Equal("AZURE_OPENAI_API_KEY", azure.ApiKeyEnvironmentVariable);
    }

    [Fact]
    public void OpenAi_IsBearerWithEveryOperation()
    {
        var openAi = ProviderPresets.Find(ProviderPresets.OpenAi)!;

        Assert.Equal("https://api.openai.com/v1", openAi.BaseUrl);
        Assert.Equal(ProviderAuthStyle.Bearer, openAi.Auth);
        Assert.Equal("OPENAI_API_KEY", openAi.ApiKeyEnvironmentVariable);
        Assert.Equal(ProviderOperations.ChatCompletions | ProviderOperations.Completions | ProviderOperations.Embeddings, openAi.Operations);
        Assert.False(openAi.UsesDeploymentPath);
    }

    [Fact]
    public void Ollama_SendsNoKeyAndNeedsNone()
    {
        var ollama = ProviderPresets.Find(ProviderPresets.Ollama)!;

        Assert.Equal(ProviderAuthStyle.None, ollama.Auth);
        Assert.False(ollama.RequiresApiKey);
    }

    [Theory]
    [InlineData("groq")]
    [InlineData("deepseek")]
    [InlineData("xai")]
    [InlineData("perplexity")]
    [InlineData("cerebras")]
    public void Preset_WithoutEmbeddingsEndpoint_DoesNotClaimEmbeddings(string name) =>
        Assert.False(ProviderPresets.Find(name)!.Operations.HasFlag(ProviderOperations.Embeddings));

    [Fact]
    public void All_Values_AreExactlyThePinnedTable()
    {
        // Every value of every preset, in order: the table may be rewritten, but what it says may not change by accident.
        string[] expected =
        [
            "openai | OpenAI | https://api.openai.com/v1 | OpenAi | Bearer | - | OPENAI_API_KEY | key required | ChatCompletions, Completions, Embeddings | StreamOptions | plain path | - |  | max_completion_tokens | https://platform.openai.com/docs/api-reference/chat/create",
            "azure | Azure OpenAI | - | OpenAi | Header | api-key | AZURE_OPENAI_API_KEY | key required | ChatCompletions, Completions, Embeddings | StreamOptions | deployment path | 2024-10-21 |  | max_tokens | https://learn.microsoft.com/azure/ai-foundry/openai/reference",
            "anthropic | Anthropic | https://api.anthropic.com/v1 | Anthropic | Header | x-api-key | ANTHROPIC_API_KEY | key required | ChatCompletions | AlwaysIncluded | plain path | - | anthropic-version=2023-06-01 | max_tokens | https://docs.anthropic.com/en/api/messages",
            "gemini | Google Gemini | https://generativelanguage.googleapis.com/v1beta | Gemini | Header | x-goog-api-key | GEMINI_API_KEY | key required | ChatCompletions, Embeddings | AlwaysIncluded | plain path | - |  | max_tokens | https://ai.google.dev/api/generate-content",
            "deepseek | DeepSeek | https://api.deepseek.com | OpenAi | Bearer | - | DEEPSEEK_API_KEY | key required | ChatCompletions | StreamOptions | plain path | - |  | max_tokens | https://api-docs.deepseek.com/",
            "qwen | Qwen (Alibaba Cloud Model Studio) | https://dashscope-intl.aliyuncs.com/compatible-mode/v1 | OpenAi | Bearer | - | DASHSCOPE_API_KEY | key required | ChatCompletions, Embeddings | StreamOptions | plain path | - |  | max_tokens | https://www.alibabacloud.com/help/en/model-studio/compatibility-of-openai-with-dashscope",
            "mistral | Mistral AI | https://api.mistral.ai/v1 | OpenAi | Bearer | - | MISTRAL_API_KEY | key required | ChatCompletions, Embeddings | AlwaysIncluded | plain path | - |  | max_tokens | https://docs.mistral.ai/api",
            "groq | Groq | https://api.groq.com/openai/v1 | OpenAi | Bearer | - | GROQ_API_KEY | key required | ChatCompletions | StreamOptions | plain path | - |  | max_tokens | https://console.groq.com/docs/openai",
            "together | Together AI | https://api.together.ai/v1 | OpenAi | Bearer | - | TOGETHER_API_KEY | key required | ChatCompletions, Completions, Embeddings | StreamOptions | plain path | - |  | max_tokens | https://docs.together.ai/docs/inference/openai-compatibility",
            "fireworks | Fireworks AI | https://api.fireworks.ai/inference/v1 | OpenAi | Bearer | - | FIREWORKS_API_KEY | key required | ChatCompletions, Completions, Embeddings | StreamOptions | plain path | - |  | max_tokens | https://docs.fireworks.ai/tools-sdks/openai-compatibility",
            "xai | xAI | https://api.x.ai/v1 | OpenAi | Bearer | - | XAI_API_KEY | key required | ChatCompletions | StreamOptions | plain path | - |  | max_tokens | https://docs.x.ai/api",
            "perplexity | Perplexity | https://api.perplexity.ai | OpenAi | Bearer | - | PERPLEXITY_API_KEY | key required | ChatCompletions | AlwaysIncluded | plain path | - |  | max_tokens | https://docs.perplexity.ai/docs/sonar/openai-compatibility",
            "cerebras | Cerebras | https://api.cerebras.ai/v1 | OpenAi | Bearer | - | CEREBRAS_API_KEY | key required | ChatCompletions, Completions | StreamOptions | plain path | - |  | max_tokens | https://inference-docs.cerebras.ai/resources/openai",
            "openrouter | OpenRouter | https://openrouter.ai/api/v1 | OpenAi | Bearer | - | OPENROUTER_API_KEY | key required | ChatCompletions, Completions, Embeddings | AlwaysIncluded | plain path | - |  | max_tokens | https://openrouter.ai/docs/use-cases/usage-accounting",
            "ollama | Ollama | http://127.0.0.1:11434/v1 | OpenAi | None | - | - | key optional | ChatCompletions, Completions, Embeddings | StreamOptions | plain path | - |  | max_tokens | https://docs.ollama.com/api/openai-compatibility",
            "vllm | vLLM | - | OpenAi | Bearer | - | VLLM_API_KEY | key optional | ChatCompletions, Completions, Embeddings | StreamOptions | plain path | - |  | max_tokens | https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html",
            "custom | Custom OpenAI-compatible | - | OpenAi | Bearer | - | - | key optional | ChatCompletions | StreamOptions | plain path | - |  | max_tokens | -",
        ];

        Assert.Equal(expected, ProviderPresets.All.Select(Describe));
    }

    private static string Describe(ProviderPreset p) => string.Join(
        " | ",
        p.Name, p.DisplayName, p.BaseUrl ?? "-", p.WireFormat, p.Auth, p.AuthHeaderName ?? "-", p.ApiKeyEnvironmentVariable ?? "-",
        p.RequiresApiKey ? "key required" : "key optional", p.Operations, p.StreamUsage,
        p.UsesDeploymentPath ? "deployment path" : "plain path", p.DefaultApiVersion ?? "-",
        string.Join(";", p.ExtraHeaders.Select(h => $"{h.Key}={h.Value}")), p.OutputLimitMember, p.DocumentationUrl ?? "-");
}
