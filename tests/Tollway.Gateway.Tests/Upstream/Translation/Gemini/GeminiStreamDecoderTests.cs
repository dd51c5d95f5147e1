using System.Buffers;
using System.Text;
using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Gemini;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Gemini;

/// <summary>
/// <c>streamGenerateContent?alt=sse</c> pieces (whole <c>GenerateContentResponse</c>s, CRLF-delimited, no end marker) as
/// OpenAI chunks, piece by piece; the usage chunk and <c>[DONE]</c> only once an answer finished.
/// </summary>
public sealed class GeminiStreamDecoderTests
{
    private readonly GeminiStreamDecoder _decoder = new(created: 1_700_000_000);
    private readonly ArrayBufferWriter<byte> _output = new();

    private List<JsonElement> Decode(string piece)
    {
        _output.ResetWrittenCount();
        _decoder.Decode(Encoding.UTF8.GetBytes("data: " + piece + "\r\n\r\n"), _output);
        return Chunks(_output);
    }

    [Fact]
    public void Decode_FirstPiece_OpensTheChoiceWithTheRoleThenItsText()
    {
        var chunks = Decode("""{"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash","responseId":"resp_1"}""");

        Assert.Equal(2, chunks.Count);
        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal("Hello", Delta(chunks[1]).GetProperty("content").GetString());
        Assert.All(chunks, c => Assert.Equal("resp_1", c.GetProperty("id").GetString()));
        Assert.All(chunks, c => Assert.Equal("gemini-2.5-flash", c.GetProperty("model").GetString()));
    }

    [Fact]
    public void Decode_LaterPieces_AreContentOnly()
    {
        Decode("""{"candidates":[{"content":{"parts":[{"text":"Hello"}],"role":"model"}}]}""");

        var chunk = Assert.Single(Decode("""{"candidates":[{"content":{"parts":[{"text":" there"}],"role":"model"}}]}"""));

        Assert.Equal(" there", Delta(chunk).GetProperty("content").GetString());
    }

    [Fact]
    public void Decode_ThoughtPart_IsAReasoningChunk()
    {
        var chunks = Decode("""{"candidates":[{"content":{"parts":[{"text":"Considering.","thought":true}],"role":"model"}}]}""");

        Assert.Equal("Considering.", Delta(chunks[1]).GetProperty("reasoning").GetString());
        Assert.False(Delta(chunks[1]).TryGetProperty("content", out _));
    }

    [Fact]
    public void Decode_FunctionCallPiece_IsOneCompleteToolCallAndFinishesWithToolCalls()
    {
        var chunks = Decode("""{"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP"}]}""");

        var calls = chunks.Skip(1).Take(2).Select(c => Delta(c).GetProperty("tool_calls")[0]).ToList();
        Assert.Equal([0, 1], calls.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.StartsWith("call_", calls[0].GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("tool_calls", chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    public void Decode_FinishReason_IsTheFinishChunk(string finishReason, string expected)
    {
        var chunks = Decode($$"""{"candidates":[{"content":{"parts":[{"text":"."}],"role":"model"},"finishReason":"{{finishReason}}"}]}""");

        Assert.Equal(expected, chunks[^1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_BlockedPrompt_IsARoleAndContentFilterFinish()
    {
        var chunks = Decode("""{"promptFeedback":{"blockReason":"SAFETY"},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}""");

        Assert.Equal("assistant", Delta(chunks[0]).GetProperty("role").GetString());
        Assert.Equal("content_filter", chunks[1].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Complete_AfterTheAnswerFinished_WritesTheLastUsageThenDone()
    {
        Decode("""{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9}}""");
        Decode("""{"candidates":[{"content":{"parts":[{"text":"!"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":9,"cachedContentTokenCount":4,"candidatesTokenCount":2,"thoughtsTokenCount":5,"totalTokenCount":16}}""");
        _output.ResetWrittenCount();

        _decoder.Complete(_output);

        var events = Events(_output);
        Assert.Equal("[DONE]", events[^1].Data);
        var usage = JsonDocument.Parse(events[0].Data).RootElement;
        Assert.Equal(0, usage.GetProperty("choices").GetArrayLength());
        Assert.Equal(9, usage.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(7, usage.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(4, usage.GetProperty("usage").GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(5, usage.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public void Complete_StreamThatNeverFinished_OwesNothingSoTheRelayCallsItIncomplete()
    {
        Decode("""{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"}}]}""");
        _output.ResetWrittenCount();

        _decoder.Complete(_output);

        Assert.Equal(0, _output.WrittenCount);
    }

    [Fact]
    public void Decode_ErrorObject_IsAnErrorChunkWithGooglesStatusAsItsCode()
    {
        var chunk = Assert.Single(Decode("""{"error":{"code":503,"message":"The model is overloaded.","status":"UNAVAILABLE"}}"""));

        Assert.Equal("UNAVAILABLE", chunk.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("The model is overloaded.", chunk.GetProperty("error").GetProperty("message").GetString());
    }
}
