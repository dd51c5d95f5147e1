using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Gemini;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Upstream.Translation.Gemini;

/// <summary>Gemini's counts are added up (prompt and tool-use prompt, candidates and thoughts) without ever wrapping, and its
/// audio tokens read from the per-modality details.</summary>
public sealed class GeminiUsageTests
{
    [Fact]
    public void Read_CountsThatSumPastAnInt_StopAtIntMaxValueInsteadOfWrappingNegative()
    {
        using var response = JsonDocument.Parse("""
            {"usageMetadata":{"promptTokenCount":2147483647,"toolUsePromptTokenCount":10,"candidatesTokenCount":2147483647,"thoughtsTokenCount":10}}
            """);

        Assert.Equal(new TokenUsage(int.MaxValue, int.MaxValue, 0, 10), GeminiUsage.Read(response.RootElement));
    }

    [Fact]
    public void Read_NegativeCounts_CountAsNone()
    {
        using var response = JsonDocument.Parse("""
            {"usageMetadata":{"promptTokenCount":100,"toolUsePromptTokenCount":-90,"candidatesTokenCount":-5,"thoughtsTokenCount":3}}
            """);

        Assert.Equal(new TokenUsage(100, 3, 0, 3), GeminiUsage.Read(response.RootElement));
    }

    [Fact]
    public void Read_AudioModality_IsTheAudioTokensOfThePromptAndOfTheCache()
    {
        using var response = JsonDocument.Parse("""
            {"usageMetadata":{"promptTokenCount":5000,"cachedContentTokenCount":1200,"candidatesTokenCount":40,"toolUsePromptTokenCount":300,
              "promptTokensDetails":[{"modality":"TEXT","tokenCount":1800},{"modality":"AUDIO","tokenCount":3000},{"modality":"VIDEO","tokenCount":200}],
              "toolUsePromptTokensDetails":[{"modality":"AUDIO","tokenCount":100},{"modality":"TEXT","tokenCount":200}],
              "cacheTokensDetails":[{"modality":"AUDIO","tokenCount":1000},{"modality":"TEXT","tokenCount":200}]}}
            """);

        Assert.Equal(
            new TokenUsage(5300, 40, 1200, 0) { AudioTokens = 3100, CachedAudioTokens = 1000 },
            GeminiUsage.Read(response.RootElement));
    }

    [Fact]
    public void Read_PromptWithoutAudio_ItemizesNone()
    {
        using var response = JsonDocument.Parse("""
            {"usageMetadata":{"promptTokenCount":50,"candidatesTokenCount":4,"promptTokensDetails":[{"modality":"TEXT","tokenCount":50}]}}
            """);

        Assert.Equal(new TokenUsage(50, 4, 0, 0) { AudioTokens = 0 }, GeminiUsage.Read(response.RootElement));
    }
}
