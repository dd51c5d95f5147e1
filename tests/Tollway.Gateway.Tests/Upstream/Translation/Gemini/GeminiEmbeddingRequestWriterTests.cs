using Tollway.Gateway.Upstream.Translation.Gemini;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Gemini;

/// <summary>OpenAI embeddings requests as <c>batchEmbedContents</c>: one request per text, each naming the model.</summary>
public sealed class GeminiEmbeddingRequestWriterTests
{
    [Theory]
    [InlineData(""" "input":"one" """, new[] { "one" })]
    [InlineData(""" "input":["one","two"] """, new[] { "one", "two" })]
    public void Write_Texts_AreOneRequestEach(string input, string[] texts)
    {
        var translated = GeminiEmbeddingRequestWriter.Write(Utf8($$"""{"model":"e",{{input}},"dimensions":256}"""), "gemini-embedding-001");
        using var body = translated.Body!;
        var requests = Parse(body.Span).GetProperty("requests");

        Assert.Equal(texts, requests.EnumerateArray().Select(r => r.GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.All(requests.EnumerateArray(), r => Assert.Equal("models/gemini-embedding-001", r.GetProperty("model").GetString()));
        Assert.All(requests.EnumerateArray(), r => Assert.Equal(256, r.GetProperty("outputDimensionality").GetInt32()));
    }

    [Theory]
    [InlineData(""" "input":[1,2,3] """)]
    [InlineData(""" "input":[] """)]
    public void Write_TokenArraysOrNothing_AreRefused(string input)
    {
        var translated = GeminiEmbeddingRequestWriter.Write(Utf8($$"""{"model":"e",{{input}}}"""), "gemini-embedding-001");

        Assert.NotNull(translated.Error);
        Assert.Null(translated.Body);
    }
}
