using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class SseEventParserTests
{
    private const string UsageOnlyChunk =
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","system_fingerprint":"fp_1","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":0}}}""";

    private const string ContentChunk =
        """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1700000000,"model":"gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null}""";

    [Theory]
    [InlineData("data: x\n\n", 9)]
    [InlineData("data: x\r\n\r\n", 11)]
    [InlineData("data: x\n\ndata: y\n\n", 9)]
    [InlineData("data: x\r\n\r\ndata: y\r\n\r\n", 11)]
    [InlineData("event: e\nid: 1\ndata: x\n\n", 24)]
    [InlineData(": keep-alive\n\n", 14)]
    [InlineData("\n\n", 2)]
    public void FindEventEnd_CompleteEvent_ReturnsOffsetAfterTheBlankLine(string text, int expected) =>
        Assert.Equal(expected, SseEventParser.FindEventEnd(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("")]
    [InlineData("data: x")]
    [InlineData("data: x\n")]
    [InlineData("data: x\r\n")]
    [InlineData("data: x\r\n\r")]
    [InlineData("event: e\ndata: x\n")]
    public void FindEventEnd_PartialEvent_ReturnsMinusOne(string text) =>
        Assert.Equal(-1, SseEventParser.FindEventEnd(Encoding.UTF8.GetBytes(text)));

    [Theory]
    [InlineData("data: [DONE]\n\n")]
    [InlineData("data:[DONE]\n\n")]
    [InlineData("data: [DONE]\r\n\r\n")]
    [InlineData("event: done\ndata: [DONE]\n\n")]
    public void Classify_DoneSentinel_IsDone(string text)
    {
        Assert.Equal(SseEventKind.Done, Classify(text, out var usage));
        Assert.Null(usage);
    }

    [Theory]
    [InlineData("data: ")]
    [InlineData("data:")]
    [InlineData("data: \r\n")]
    public void Classify_UsageOnlyChunk_IsUsageOnlyWithTheNumbers(string prefix)
    {
        var kind = Classify(prefix.TrimEnd('\r', '\n') + UsageOnlyChunk + "\n\n", out var usage);

        Assert.Equal(SseEventKind.UsageOnly, kind);
        Assert.Equal(new TokenUsage(9, 12, 3, 4) { AudioTokens = 0 }, usage);
        Assert.Equal(21, usage!.Value.TotalTokens);
    }

    [Fact]
    public void Classify_UsageBeforeEmptyChoices_IsUsageOnly()
    {
        Assert.Equal(SseEventKind.UsageOnly, Classify("""data: {"usage":{"prompt_tokens":1,"completion_tokens":2},"choices":[]}""" + "\n\n", out var usage));
        Assert.Equal(new TokenUsage(1, 2, 0, 0), usage);
    }

    [Fact]
    public void Classify_ContentChunkWithNullUsage_IsChunkWithoutUsage()
    {
        Assert.Equal(SseEventKind.Chunk, Classify("data: " + ContentChunk + "\n\n", out var usage));
        Assert.Null(usage);
    }

    [Fact]
    public void Classify_ContentChunkWithoutUsage_IsChunk()
    {
        Assert.Equal(SseEventKind.Chunk, Classify("""data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}""" + "\n\n", out var usage));
        Assert.Null(usage);
    }

    [Fact]
    public void Classify_FinishChunkCarryingUsage_IsChunkButReportsUsage()
    {
        // Providers such as xAI and Mistral put usage on the last content chunk: it must be forwarded (it has a
        // choice in it) and still be accounted for.
        const string json = """{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";

        Assert.Equal(SseEventKind.Chunk, Classify("data: " + json + "\n\n", out var usage));
        Assert.Equal(new TokenUsage(5, 7, 0, 0), usage);
    }

    [Fact]
    public void Classify_EmptyChoicesWithNullUsage_IsChunk()
    {
        Assert.Equal(SseEventKind.Chunk, Classify("""data: {"choices":[],"usage":null}""" + "\n\n", out var usage));
        Assert.Null(usage);
    }

    [Fact]
    public void Classify_ContentThatQuotesTheWordUsage_IsChunkWithoutUsage()
    {
        const string json = """{"choices":[{"delta":{"content":"the \"usage\" field and an \"error\" key"}}]}""";

        Assert.Equal(SseEventKind.Chunk, Classify("data: " + json + "\n\n", out var usage));
        Assert.Null(usage);
    }

    [Theory]
    [InlineData("""{"error":{"message":"The server is overloaded","type":"server_error","param":null,"code":null}}""")]
    [InlineData("""{"error":{"message":"Rate limit reached","code":429}}""")]
    [InlineData("""{"id":"x","choices":[],"error":{"message":"bad"}}""")]
    public void Classify_ErrorPayload_IsError(string json) =>
        Assert.Equal(SseEventKind.Error, Classify("data: " + json + "\n\n", out _));

    [Fact]
    public void Classify_NullErrorMember_IsChunk() =>
        Assert.Equal(SseEventKind.Chunk, Classify("""data: {"choices":[{"delta":{"content":"x"}}],"error":null}""" + "\n\n", out _));

    [Theory]
    [InlineData(": keep-alive\n\n")]
    [InlineData(":\n\n")]
    [InlineData("event: ping\n\n")]
    [InlineData("id: 7\nretry: 1000\n\n")]
    [InlineData("\n\n")]
    public void Classify_EventWithoutData_IsChunk(string text)
    {
        Assert.Equal(SseEventKind.Chunk, Classify(text, out var usage));
        Assert.Null(usage);
    }

    [Fact]
    public void Classify_CommentBeforeData_ReadsTheData()
    {
        Assert.Equal(SseEventKind.UsageOnly, Classify(": processing\ndata: " + UsageOnlyChunk + "\n\n", out var usage));
        Assert.NotNull(usage);
    }

    [Theory]
    [InlineData("""data: {"choices":[],"usage":{"prompt_tokens":1""")]
    [InlineData("""data: {"usage":}""")]
    [InlineData("""data: ["usage"]""")]
    [InlineData("""data: "usage" """)]
    [InlineData("""data: {"error": oops}""")]
    public void Classify_MalformedPayloadMentioningUsageOrError_IsChunkWithoutUsage(string line)
    {
        Assert.Equal(SseEventKind.Chunk, Classify(line + "\n\n", out var usage));
        Assert.Null(usage);
    }

    private static SseEventKind Classify(string text, out TokenUsage? usage) =>
        SseEventParser.Classify(Encoding.UTF8.GetBytes(text), out usage);
}
