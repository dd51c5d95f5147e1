using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>Anthropic reports the prompt in three parts; their sum is the prompt billed, and it never wraps.</summary>
public sealed class AnthropicUsageReaderTests
{
    [Fact]
    public void TryRead_PartsThatSumPastAnInt_StopAtIntMaxValueInsteadOfWrappingNegative()
    {
        var usage = AnthropicUsageReader.TryRead("""
            {"usage":{"input_tokens":2147483647,"cache_creation_input_tokens":2147483647,"cache_read_input_tokens":5,"output_tokens":7}}
            """u8);

        Assert.Equal(new TokenUsage(int.MaxValue, 7, 5, 0, int.MaxValue), usage);
    }

    [Fact]
    public void TryRead_NegativeCounts_CountAsNone()
    {
        var usage = AnthropicUsageReader.TryRead("""
            {"usage":{"input_tokens":100,"cache_creation_input_tokens":-50,"cache_read_input_tokens":-20,"output_tokens":-7}}
            """u8);

        Assert.Equal(new TokenUsage(100, 0, 0, 0, 0), usage);
    }
}
