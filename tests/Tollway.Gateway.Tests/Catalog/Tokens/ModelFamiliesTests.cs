using Tollway.Gateway.Catalog.Tokens;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class ModelFamiliesTests
{
    [Theory]
    [InlineData("gpt-4o", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4o-2024-08-06", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4o-mini", nameof(TokenEncoding.O200kBase))]
    [InlineData("chatgpt-4o-latest", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4.1", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4.1-nano", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4.5-preview", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-5", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-5-mini", nameof(TokenEncoding.O200kBase))]
    [InlineData("o1", nameof(TokenEncoding.O200kBase))]
    [InlineData("o1-mini", nameof(TokenEncoding.O200kBase))]
    [InlineData("o3-mini", nameof(TokenEncoding.O200kBase))]
    [InlineData("o4-mini", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-oss-120b", nameof(TokenEncoding.O200kBase))]
    [InlineData("GPT-4O", nameof(TokenEncoding.O200kBase))]
    [InlineData("gpt-4", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("gpt-4-0613", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("gpt-4-turbo", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("gpt-3.5-turbo", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("gpt-3.5-turbo-instruct", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("text-embedding-3-small", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("text-embedding-3-large", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("text-embedding-ada-002", nameof(TokenEncoding.Cl100kBase))]
    [InlineData("llama-3.1-70b-instruct", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("qwen2.5-72b-instruct", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("deepseek-chat", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("mistral-large-latest", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("claude-3-5-sonnet", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("o10-future", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("gpt-4x", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("text-embedding-4", nameof(TokenEncoding.Utf8Bytes))]
    [InlineData("", nameof(TokenEncoding.Utf8Bytes))]
    public void Resolve_ModelId_PicksItsEncoding(string model, string encoding) =>
        Assert.Equal(Enum.Parse<TokenEncoding>(encoding), ModelFamilies.Resolve(model).Encoding);

    [Theory]
    [InlineData("openai/gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("openai/gpt-4", "cl100k")]
    [InlineData("azure/gpt-4.1", "o200k")]
    [InlineData("meta-llama/llama-3.1-8b-instruct", "unknown")]
    [InlineData("accounts/fireworks/models/gpt-oss-20b", "o200k")]
    [InlineData("gpt-4o/", "unknown")]
    public void Resolve_ProviderPrefix_IsIgnored(string model, string family) =>
        Assert.Equal(family, ModelFamilies.Resolve(model).Name);

    [Fact]
    public void Resolve_CookbookCheckedFamilies_AddNoPreamble()
    {
        Assert.Equal(0, ModelFamilies.Resolve("gpt-4o").TemplateAllowance);
        Assert.Equal(0, ModelFamilies.Resolve("gpt-4o-mini").TemplateAllowance);
        Assert.Equal(0, ModelFamilies.Resolve("gpt-4").TemplateAllowance);
        Assert.Equal(0, ModelFamilies.Resolve("gpt-3.5-turbo").TemplateAllowance);
        Assert.True(ModelFamilies.Resolve("gpt-5").TemplateAllowance > 0);
        Assert.True(ModelFamilies.Resolve("llama-3.1-8b").TemplateAllowance > 0);
    }

    [Fact]
    public void Resolve_Gpt4oMini_HoldsItsDearerImages() =>
        Assert.Equal(2_833 + (8 * 5_667), ModelFamilies.Resolve("gpt-4o-mini").ImageTokens);

    [Theory]
    [InlineData("claude-sonnet-4-5", "claude")]
    [InlineData("anthropic/claude-opus-4.5", "claude")]
    [InlineData("gemini-2.5-flash", "unknown")]
    public void Resolve_Claude_HasRoomForAnthropicsToolPrompt(string model, string family)
    {
        Assert.Equal(family, ModelFamilies.Resolve(model).Name);
        Assert.True(ModelFamilies.Resolve(model).ToolsAllowance >= (family == "claude" ? 346 : 128));
    }

    [Theory]
    [InlineData("gpt-4o-audio-preview", true)]
    [InlineData("gpt-4o-mini-audio-preview", true)]
    [InlineData("gpt-3.5-turbo", true)]
    [InlineData("gemini-2.5-flash", false)]
    [InlineData("qwen2.5-omni-7b", false)]
    [InlineData("claude-sonnet-4-5", false)]
    public void Resolve_OnlyOpenAiFamilies_BoundAudioByItsData(string model, bool bounds) =>
        Assert.Equal(bounds, ModelFamilies.Resolve(model).BoundsAudio);
}
