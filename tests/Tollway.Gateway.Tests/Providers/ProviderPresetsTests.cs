using Tollway.Gateway.Providers;

namespace Tollway.Gateway.Tests.Providers;

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
}
