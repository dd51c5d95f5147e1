using System.Text;
using Tollway.Gateway.Upstream.Translation;

namespace Tollway.Gateway.Tests.Upstream.Translation;

/// <summary>An Anthropic client's own body, as an Anthropic provider gets it: the model id and, where the endpoint gives
/// less, <c>max_tokens</c> replaced, every other byte kept.</summary>
public sealed class ModelSpliceTests
{
    [Fact]
    public void Apply_ModelOnly_ReplacesTheModelAndKeepsEveryOtherByte()
    {
        const string body = """{ "max_tokens": 20000, "model" : "claude", "messages": [] }""";

        Assert.Equal("""{ "max_tokens": 20000, "model" : "claude-sonnet-4-5", "messages": [] }""", Splice(body, maxTokens: null));
    }

    [Theory]
    [InlineData("""{ "max_tokens": 20000, "model" : "claude", "messages": [] }""", """{ "max_tokens": 8192, "model" : "claude-sonnet-4-5", "messages": [] }""")]
    [InlineData("""{"model":"claude","messages":[],"max_tokens":20000}""", """{"model":"claude-sonnet-4-5","messages":[],"max_tokens":8192}""")]
    public void Apply_LoweredMaxTokens_ReplacesBothWhicheverComesFirst(string body, string expected) =>
        Assert.Equal(expected, Splice(body, maxTokens: 8192));

    private static string Splice(string body, int? maxTokens)
    {
        var model = body.IndexOf("\"claude\"", StringComparison.Ordinal);
        var limit = body.IndexOf("20000", StringComparison.Ordinal);
        using var spliced = ModelSplice.Apply(
            Encoding.UTF8.GetBytes(body), model..(model + "\"claude\"".Length), "claude-sonnet-4-5",
            maxTokens is { } tokens ? (limit..(limit + 5), tokens) : null);
        return Encoding.UTF8.GetString(spliced.Span);
    }
}
