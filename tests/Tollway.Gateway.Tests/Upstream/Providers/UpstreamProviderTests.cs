using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Upstream.Providers;

public sealed class UpstreamProviderTests
{
    private const string Secret = "sk-proj-SECRET-0123456789";

    private static readonly ProviderTimeouts Timeouts = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData("https://api.openai.com/v1")]
    [InlineData("https://api.openai.com/v1/")]
    public void GetOperationUri_OpenAiStyleBase_AppendsTheOperationPath(string baseUrl)
    {
        using var provider = Create("openai", baseUrl);

        Assert.Equal("https://api.openai.com/v1/", provider.BaseUri.AbsoluteUri);
        Assert.Equal("https://api.openai.com/v1/chat/completions", provider.GetOperationUri(GatewayOperation.ChatCompletions, "gpt-4o").AbsoluteUri);
        Assert.Equal("https://api.openai.com/v1/completions", provider.GetOperationUri(GatewayOperation.Completions, "gpt-4o").AbsoluteUri);
        Assert.Equal("https://api.openai.com/v1/embeddings", provider.GetOperationUri(GatewayOperation.Embeddings, "gpt-4o").AbsoluteUri);
    }

    [Theory]
    [InlineData("deepseek", "https://api.deepseek.com", "https://api.deepseek.com/chat/completions")]
    [InlineData("fireworks", "https://api.fireworks.ai/inference/v1", "https://api.fireworks.ai/inference/v1/chat/completions")]
    [InlineData("qwen", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1", "https://dashscope-intl.aliyuncs.com/compatible-mode/v1/chat/completions")]
    [InlineData("ollama", "http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/chat/completions")]
    public void GetOperationUri_BaseWithOrWithoutPath_KeepsEveryBaseSegment(string preset, string baseUrl, string expected)
    {
        using var provider = Create(preset, baseUrl);

        Assert.Equal(expected, provider.GetOperationUri(GatewayOperation.ChatCompletions, "m").AbsoluteUri);
    }

    [Fact]
    public void GetOperationUri_OpenAiStyle_DoesNotDependOnTheModel()
    {
        using var provider = Create("openai", "https://api.openai.com/v1");

        Assert.Equal(
            provider.GetOperationUri(GatewayOperation.ChatCompletions, "a"),
            provider.GetOperationUri(GatewayOperation.ChatCompletions, "b/with spaces"));
    }

    [Theory]
    [InlineData("https://contoso.openai.azure.com")]
    [InlineData("https://contoso.openai.azure.com/")]
    public void GetOperationUri_Azure_UsesTheDeploymentPathAndDefaultApiVersion(string baseUrl)
    {
        using var provider = Create("azure", baseUrl);

        Assert.Equal(
            "https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21",
            provider.GetOperationUri(GatewayOperation.ChatCompletions, "gpt-4o-prod").AbsoluteUri);
        Assert.Equal(
            "https://contoso.openai.azure.com/openai/deployments/emb/embeddings?api-version=2024-10-21",
            provider.GetOperationUri(GatewayOperation.Embeddings, "emb").AbsoluteUri);
    }

    [Fact]
    public void GetOperationUri_AzureDeploymentWithReservedCharacters_IsEscapedIntoOneSegment()
    {
        using var provider = Create("azure", "https://contoso.openai.azure.com");

        var uri = provider.GetOperationUri(GatewayOperation.ChatCompletions, "my deploy/../x?y#z");

        Assert.Equal(
            "https://contoso.openai.azure.com/openai/deployments/my%20deploy%2F..%2Fx%3Fy%23z/chat/completions?api-version=2024-10-21",
            uri.AbsoluteUri);
        Assert.Equal("?api-version=2024-10-21", uri.Query);
        Assert.Equal("contoso.openai.azure.com", uri.Host);
    }

    [Fact]
    public void GetOperationUri_AzureWithConfiguredApiVersion_UsesItEscaped()
    {
        using var provider = Create("azure", "https://contoso.openai.azure.com", apiVersion: "2025-01-01-preview&x=1");

        Assert.Equal("2025-01-01-preview&x=1", provider.ApiVersion);
        Assert.Equal(
            "?api-version=2025-01-01-preview%26x%3D1",
            provider.GetOperationUri(GatewayOperation.ChatCompletions, "d").Query);
    }

    [Fact]
    public void GetOperationUri_AzureSameDeploymentTwice_GivesTheSameUriAndOtherDeploymentsDiffer()
    {
        using var provider = Create("azure", "https://contoso.openai.azure.com");

        var first = provider.GetOperationUri(GatewayOperation.ChatCompletions, "a");

        Assert.Same(first, provider.GetOperationUri(GatewayOperation.ChatCompletions, "a"));
        Assert.NotEqual(first, provider.GetOperationUri(GatewayOperation.ChatCompletions, "b"));
        Assert.NotEqual(first, provider.GetOperationUri(GatewayOperation.Completions, "a"));
    }

    [Fact]
    public void ApplyHeaders_OpenAi_SendsBearerOnly()
    {
        using var provider = Create("openai", "https://api.openai.com/v1");

        var headers = Apply(provider);

        Assert.Equal(["Bearer " + Secret], headers.GetValues("Authorization"));
        Assert.False(headers.Contains("api-key"));
    }

    [Fact]
    public void ApplyHeaders_Azure_SendsApiKeyHeaderAndNoAuthorization()
    {
        using var provider = Create("azure", "https://contoso.openai.azure.com");

        var headers = Apply(provider);

        Assert.Equal([Secret], headers.GetValues("api-key"));
        Assert.False(headers.Contains("Authorization"));
    }

    [Fact]
    public void ApplyHeaders_OllamaEvenWithAKey_SendsNoCredentials()
    {
        using var provider = Create("ollama", "http://127.0.0.1:11434/v1");

        var headers = Apply(provider);

        Assert.False(headers.Contains("Authorization"));
        Assert.False(headers.Contains("api-key"));
        Assert.DoesNotContain(headers, h => h.Value.Any(v => v.Contains(Secret, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void ApplyHeaders_NoKey_SendsNoCredentials(string? apiKey)
    {
        using var provider = Create("vllm", "http://127.0.0.1:8000/v1", apiKey: apiKey);

        var headers = Apply(provider);

        Assert.False(provider.HasApiKey);
        Assert.False(headers.Contains("Authorization"));
    }

    [Fact]
    public void ApplyHeaders_ConfiguredHeaders_AreAddedBesideTheCredentials()
    {
        var extra = new Dictionary<string, string> { ["HTTP-Referer"] = "https://tollway.example", ["X-Title"] = "Tollway" };
        using var provider = Create("openrouter", "https://openrouter.ai/api/v1", headers: extra);

        var headers = Apply(provider);

        Assert.Equal(["https://tollway.example"], headers.GetValues("HTTP-Referer"));
        Assert.Equal(["Tollway"], headers.GetValues("X-Title"));
        Assert.Equal(["Bearer " + Secret], headers.GetValues("Authorization"));
    }

    [Fact]
    public void Supports_FollowsThePresetsOperations()
    {
        using var openAi = Create("openai", "https://api.openai.com/v1");
        using var groq = Create("groq", "https://api.groq.com/openai/v1");

        Assert.True(openAi.Supports(GatewayOperation.Embeddings));
        Assert.True(groq.Supports(GatewayOperation.ChatCompletions));
        Assert.False(groq.Supports(GatewayOperation.Embeddings));
        Assert.False(groq.Supports(GatewayOperation.Completions));
    }

    [Fact]
    public void Redact_TextEchoingTheKey_RemovesEveryOccurrence()
    {
        using var provider = Create("openai", "https://api.openai.com/v1");

        var redacted = provider.Redact($"Incorrect API key provided: {Secret}. You passed {Secret}.");

        Assert.Equal("Incorrect API key provided: [redacted]. You passed [redacted].", redacted);
    }

    [Theory]
    [InlineData("Rate limit reached")]
    [InlineData("sk")]
    [InlineData("")]
    public void Redact_TextWithoutTheKey_IsUnchanged(string text)
    {
        using var provider = Create("openai", "https://api.openai.com/v1");

        Assert.Equal(text, provider.Redact(text));
    }

    [Fact]
    public void Redact_ProviderWithoutKey_IsUnchanged()
    {
        using var provider = Create("ollama", "http://127.0.0.1:11434/v1", apiKey: null);

        Assert.Equal("anything " + Secret, provider.Redact("anything " + Secret));
    }

    [Theory]
    [InlineData("openai", "https://api.openai.com/v1")]
    [InlineData("azure", "https://contoso.openai.azure.com")]
    [InlineData("ollama", "http://127.0.0.1:11434/v1")]
    public void ToString_Always_NamesTheProviderButNeverTheKey(string preset, string baseUrl)
    {
        using var provider = Create(preset, baseUrl, name: "primary");

        var text = provider.ToString();

        Assert.Contains("primary", text, StringComparison.Ordinal);
        Assert.Contains(preset, text, StringComparison.Ordinal);
        Assert.Contains(new Uri(baseUrl).Host, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_Always_KeepsConfiguredValues()
    {
        using var provider = Create("openai", "https://api.openai.com/v1", name: "main");

        Assert.Equal("main", provider.Name);
        Assert.Equal("openai", provider.Preset.Name);
        Assert.Equal(Timeouts, provider.Timeouts);
        Assert.True(provider.HasApiKey);
        Assert.Null(provider.ApiVersion);
        Assert.NotNull(provider.Client);
    }

    [Fact]
    public async Task Dispose_Always_DisposesTheClient()
    {
        var provider = Create("openai", "https://api.openai.com/v1");

        provider.Dispose();

        using var request = new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/models");
        await Assert.ThrowsAsync<ObjectDisposedException>(() => provider.Client.SendAsync(request, TestContext.Current.CancellationToken));
    }

    private static UpstreamProvider Create(
        string preset,
        string baseUrl,
        string? apiKey = Secret,
        string? apiVersion = null,
        Dictionary<string, string>? headers = null,
        string name = "p") =>
        new(name, ProviderPresets.Find(preset)!, new Uri(baseUrl), apiKey, apiVersion, headers ?? [], Timeouts);

    private static System.Net.Http.Headers.HttpRequestHeaders Apply(UpstreamProvider provider)
    {
        // The message only carries the header collection here; nothing is sent.
        var request = new HttpRequestMessage();
        provider.ApplyHeaders(request.Headers);
        return request.Headers;
    }
}
