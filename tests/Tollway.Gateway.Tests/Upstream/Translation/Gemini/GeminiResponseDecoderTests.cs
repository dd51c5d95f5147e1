using System.Text.Json;
using Tollway.Gateway.Upstream.Translation.Gemini;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Gemini;

/// <summary><c>generateContent</c> and <c>batchEmbedContents</c> responses as OpenAI's, one rule per test.</summary>
public sealed class GeminiResponseDecoderTests
{
    private static JsonElement Decode(string response) => Parse(GeminiResponseDecoder.Decode(Utf8(response), created: 1_700_000_000, "gemini-2.5-flash"));

    [Fact]
    public void Decode_TextAndThoughts_AreContentAndReasoning()
    {
        var completion = Decode("""
            {"candidates":[{"content":{"parts":[{"text":"Thinking it over.","thought":true},{"text":"The capital of Brazil "},{"text":"is Brasília."}],"role":"model"},"finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":14,"candidatesTokenCount":9,"thoughtsTokenCount":30,"totalTokenCount":53},
             "modelVersion":"gemini-2.5-flash","responseId":"R5sqaJaWNrPY"}
            """);

        Assert.Equal("R5sqaJaWNrPY", completion.GetProperty("id").GetString());
        Assert.Equal("gemini-2.5-flash", completion.GetProperty("model").GetString());
        var message = completion.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("The capital of Brazil is Brasília.", message.GetProperty("content").GetString());
        Assert.Equal("Thinking it over.", message.GetProperty("reasoning").GetString());
        Assert.Equal("stop", completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_UsageMetadata_ThoughtsBilledAsReasoningOutputAndCachedInsideThePrompt()
    {
        var usage = Decode("""{"candidates":[{"content":{"parts":[{"text":"ok"}],"role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1000,"cachedContentTokenCount":600,"toolUsePromptTokenCount":50,"candidatesTokenCount":20,"thoughtsTokenCount":80,"totalTokenCount":1150}}""")
            .GetProperty("usage");

        Assert.Equal(1050, usage.GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(100, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(600, usage.GetProperty("prompt_tokens_details").GetProperty("cached_tokens").GetInt32());
        Assert.Equal(80, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
    }

    [Fact]
    public void Decode_FunctionCalls_AreToolCallsWithToolCallsFinish()
    {
        var completion = Decode("""{"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBsig"},{"functionCall":{"id":"fc_2","name":"get_time","args":{}}}],"role":"model"},"finishReason":"STOP"}]}""");

        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("message").GetProperty("content").ValueKind);
        var calls = choice.GetProperty("message").GetProperty("tool_calls");
        Assert.Equal("get_weather", calls[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("""{"city":"Paris"}""", calls[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal("CiQBsig", GeminiToolCallIds.ThoughtSignature(calls[0].GetProperty("id").GetString()));
        Assert.Equal("fc_2", calls[1].GetProperty("id").GetString());
        Assert.NotEqual(calls[0].GetProperty("id").GetString(), calls[1].GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("STOP", "stop")]
    [InlineData("MAX_TOKENS", "length")]
    [InlineData("SAFETY", "content_filter")]
    [InlineData("RECITATION", "content_filter")]
    [InlineData("BLOCKLIST", "content_filter")]
    [InlineData("PROHIBITED_CONTENT", "content_filter")]
    [InlineData("SPII", "content_filter")]
    [InlineData("OTHER", "stop")]
    public void Decode_FinishReason_IsOpenAisFinishReason(string finishReason, string expected)
    {
        var completion = Decode($$"""{"candidates":[{"content":{"parts":[{"text":"x"}],"role":"model"},"finishReason":"{{finishReason}}"}]}""");

        Assert.Equal(expected, completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_SafetyBlockedCandidateWithoutContent_IsAnEmptyContentFilterChoice()
    {
        var completion = Decode("""{"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]}],"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}""");

        var choice = completion.GetProperty("choices")[0];
        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public void Decode_BlockedPrompt_IsOneContentFilterChoice()
    {
        var completion = Decode("""{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[]},"usageMetadata":{"promptTokenCount":8,"totalTokenCount":8}}""");

        var choice = Assert.Single(completion.GetProperty("choices").EnumerateArray());
        Assert.Equal("content_filter", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(8, completion.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
    }

    [Fact]
    public void Decode_SeveralCandidates_AreSeveralChoices()
    {
        var completion = Decode("""{"candidates":[{"content":{"parts":[{"text":"A"}],"role":"model"},"finishReason":"STOP","index":0},{"content":{"parts":[{"text":"B"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}]}""");

        var choices = completion.GetProperty("choices");
        Assert.Equal(["A", "B"], choices.EnumerateArray().Select(c => c.GetProperty("message").GetProperty("content").GetString()));
        Assert.Equal(1, choices[1].GetProperty("index").GetInt32());
        Assert.Equal("length", choices[1].GetProperty("finish_reason").GetString());
    }

    [Fact]
    public void Decode_BatchEmbedContents_IsAnEmbeddingsList()
    {
        var list = Decode("""{"embeddings":[{"values":[0.1,-0.2]},{"values":[0.3,0.4]}]}""");

        Assert.Equal("list", list.GetProperty("object").GetString());
        Assert.Equal("gemini-2.5-flash", list.GetProperty("model").GetString());
        var data = list.GetProperty("data");
        Assert.Equal(1, data[1].GetProperty("index").GetInt32());
        Assert.Equal("embedding", data[1].GetProperty("object").GetString());
        Assert.Equal(-0.2, data[0].GetProperty("embedding")[1].GetDouble());
        Assert.False(list.TryGetProperty("usage", out _));
    }
}
