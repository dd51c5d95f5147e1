using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class UsageReaderTests
{
    [Fact]
    public void TryRead_FullOpenAiUsage_ReadsAllFourCounts()
    {
        const string json = """
            {
              "id": "chatcmpl-1",
              "object": "chat.completion",
              "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hi"}, "finish_reason": "stop"}],
              "usage": {
                "prompt_tokens": 1117,
                "completion_tokens": 46,
                "total_tokens": 1163,
                "prompt_tokens_details": {"cached_tokens": 1024, "audio_tokens": 0},
                "completion_tokens_details": {"reasoning_tokens": 32, "audio_tokens": 0, "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0}
              },
              "system_fingerprint": "fp_1"
            }
            """;

        Assert.True(TryRead(json, out var usage));
        Assert.Equal(new TokenUsage(1117, 46, 1024, 32) { AudioTokens = 0 }, usage);
        Assert.Equal(1163, usage.TotalTokens);
    }

    [Fact]
    public void TryRead_DetailsBeforeTotals_ReadsAllFourCounts()
    {
        Assert.True(TryRead("""{"usage":{"completion_tokens_details":{"reasoning_tokens":2},"prompt_tokens_details":{"cached_tokens":1},"completion_tokens":4,"prompt_tokens":3}}""", out var usage));
        Assert.Equal(new TokenUsage(3, 4, 1, 2), usage);
    }

    [Fact]
    public void TryRead_EmbeddingsUsage_HasNoCompletionSide()
    {
        Assert.True(TryRead("""{"object":"list","data":[{"embedding":[0.1,0.2]}],"usage":{"prompt_tokens":8,"total_tokens":8}}""", out var usage));
        Assert.Equal(new TokenUsage(8, 0, 0, 0), usage);
    }

    [Theory]
    [InlineData("""{"id":"x","choices":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"choices":[{"usage":{"prompt_tokens":1}}]}""")]
    [InlineData("""{"x_groq":{"usage":{"prompt_tokens":1}}}""")]
    public void TryRead_NoTopLevelUsage_IsFalse(string json) => Assert.False(TryRead(json, out _));

    [Theory]
    [InlineData("""{"usage":null}""")]
    [InlineData("""{"usage":null,"choices":[]}""")]
    [InlineData("""{"usage":"n/a"}""")]
    [InlineData("""{"usage":[1,2]}""")]
    public void TryRead_UsageNotAnObject_IsFalse(string json)
    {
        Assert.False(TryRead(json, out var usage));
        Assert.Equal(default, usage);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"usage":{"prompt_tokens":1,"completion_tokens":""")]
    [InlineData("""{"usage":{"prompt_tokens":1,,}}""")]
    [InlineData("""{"id": ,"usage":{"prompt_tokens":1}}""")]
    [InlineData("""[{"usage":{"prompt_tokens":1}}]""")]
    [InlineData("""42""")]
    public void TryRead_MalformedOrNotAnObject_IsFalse(string json)
    {
        Assert.False(TryRead(json, out var usage));
        Assert.Equal(default, usage);
    }

    [Fact]
    public void TryRead_NullDetails_CountAsZero()
    {
        Assert.True(TryRead("""{"usage":{"prompt_tokens":5,"completion_tokens":6,"prompt_tokens_details":null,"completion_tokens_details":null}}""", out var usage));
        Assert.Equal(new TokenUsage(5, 6, 0, 0), usage);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("1.5")]
    [InlineData("\"12\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("3000000000")]
    [InlineData("{\"value\":12,\"completion_tokens\":99}")]
    [InlineData("[12,{\"completion_tokens\":99}]")]
    public void TryRead_CountOfUnusableValue_IsZeroAndTheOtherCountsAreStillRead(string value)
    {
        var json = $$$"""{"usage":{"prompt_tokens":{{{value}}},"completion_tokens":7,"prompt_tokens_details":{"cached_tokens":2}},"model":"m"}""";

        Assert.True(TryRead(json, out var usage));
        Assert.Equal(new TokenUsage(0, 7, 2, 0), usage);
    }

    [Fact]
    public void TryRead_DetailWithUnusableValue_IsZeroAndTheOtherCountsAreStillRead()
    {
        const string json = """{"usage":{"prompt_tokens_details":{"cached_tokens":{"n":1},"audio_tokens":0},"prompt_tokens":4,"completion_tokens":5}}""";

        Assert.True(TryRead(json, out var usage));
        Assert.Equal(new TokenUsage(4, 5, 0, 0) { AudioTokens = 0 }, usage);
    }

    [Fact]
    public void TryRead_UnknownUsageMembers_AreSkipped()
    {
        const string json = """{"usage":{"queue_time":0.01,"cost":{"total":0.5,"items":[1,2]},"prompt_tokens":10,"completion_tokens":20}}""";

        Assert.True(TryRead(json, out var usage));
        Assert.Equal(new TokenUsage(10, 20, 0, 0), usage);
    }

    [Fact]
    public void TryRead_AudioTokens_AreItemizedBesideTheCachedOnes()
    {
        const string json = """{"usage":{"prompt_tokens":1000,"completion_tokens":10,"prompt_tokens_details":{"cached_tokens":200,"audio_tokens":640}}}""";

        Assert.True(TryRead(json, out var usage));
        Assert.Equal(new TokenUsage(1000, 10, 200, 0) { AudioTokens = 640 }, usage);
    }

    [Theory]
    [InlineData("""{"usage":{"prompt_tokens":10,"completion_tokens":1}}""")]
    [InlineData("""{"usage":{"prompt_tokens":10,"completion_tokens":1,"prompt_tokens_details":{"cached_tokens":2}}}""")]
    [InlineData("""{"usage":{"prompt_tokens":10,"completion_tokens":1,"prompt_tokens_details":{"audio_tokens":null,"cached_tokens":2}}}""")]
    public void TryRead_AudioNotCounted_IsNotItemized(string json)
    {
        Assert.True(TryRead(json, out var usage));
        Assert.Null(usage.AudioTokens);
    }

    private static bool TryRead(string json, out TokenUsage usage) => UsageReader.TryRead(Encoding.UTF8.GetBytes(json), out usage);
}
