using System.Text.Json;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.Translation.Gemini;

namespace Tollway.Gateway.Tests.Translation.Gemini;

/// <summary>Gemini's counts are added up (prompt and tool-use prompt, candidates and thoughts) without ever wrapping.</summary>
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
}
