using System.Text;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class TiktokenPromptEstimatorTests
{
    private static readonly TiktokenPromptEstimator Estimator = new();

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("null")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"unterminated""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"hi"}]""")]
    [InlineData("""[{"role":"user","content":"hi"}]""")]
    [InlineData("""{"model":"m","messages":[{"role":"user","content":"bad escape \x"}]}""")]
    [InlineData("""{"model":"m","prompt":["a",}""")]
    public void EstimatePromptTokens_MalformedBody_FallsBackToItsByteCount(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);

        foreach (var operation in Enum.GetValues<GatewayOperation>())
        {
            foreach (var model in new[] { "gpt-4o", "gpt-4", "llama-3" })
            {
                Assert.Equal(bytes.Length, Estimator.EstimatePromptTokens(bytes, operation, model).Tokens);
            }
        }
    }

    [Fact]
    public void EstimatePromptTokens_DataAfterTheObject_IsNotRead() =>
        Assert.Equal(8, Estimator.EstimatePromptTokens(
            """{"model":"m","messages":[{"role":"user","content":"hi"}]} trailing"""u8, GatewayOperation.ChatCompletions, "gpt-4o").Tokens);

    [Fact]
    public void EstimatePromptTokens_TruncatedBody_ReturnsItsByteCount()
    {
        var bytes = """{"model":"m","messages":[{"role":"user","content":"hi"}"""u8.ToArray();

        Assert.Equal(bytes.Length, Estimator.EstimatePromptTokens(bytes, GatewayOperation.ChatCompletions, "gpt-4o").Tokens);
    }

    [Fact]
    public void EstimatePromptTokens_InvalidUtf8InAString_DoesNotThrow()
    {
        byte[] bytes = [.. """{"model":"m","messages":[{"role":"user","content":"a"""u8, 0xC3, 0x28, .. "\"}]}"u8];

        Assert.True(Estimator.EstimatePromptTokens(bytes, GatewayOperation.ChatCompletions, "gpt-4o").Tokens > 0);
    }

    [Fact]
    public void EstimatePromptTokens_DeeplyNestedBody_DoesNotThrow()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 1_000)) + string.Concat(Enumerable.Repeat("]", 1_000));
        var bytes = Encoding.UTF8.GetBytes($$"""{"model":"m","messages":{{nested}}}""");

        Assert.Equal(bytes.Length, Estimator.EstimatePromptTokens(bytes, GatewayOperation.ChatCompletions, "gpt-4o").Tokens);
    }

    [Theory]
    [InlineData("gpt-4o", 2)]
    [InlineData("openai/gpt-4o", 2)]
    [InlineData("gpt-4", 2)]
    [InlineData("llama-3.1-8b", 11)]
    public void CountCompletionTokens_Text_CountsWithTheModelsEncoding(string model, int expected) =>
        Assert.Equal(expected, Estimator.CountCompletionTokens("Hello world", model));

    [Fact]
    public void CountCompletionTokens_Emoji_CountsTokensOrBytes()
    {
        Assert.Equal(4, Estimator.CountCompletionTokens("👋🌍", "gpt-4o"));
        Assert.Equal(6, Estimator.CountCompletionTokens("👋🌍", "gpt-3.5-turbo"));
        Assert.Equal(8, Estimator.CountCompletionTokens("👋🌍", "mistral-small"));
    }

    [Fact]
    public void EstimatePromptTokens_ManyThreadsOnOneEstimator_AgreeWithOneThread()
    {
        const string body = """
            {"model":"m","messages":[{"role":"system","content":"You are terse."},
              {"role":"user","content":[{"type":"text","text":"お誕生日おめでとう! The quick brown fox jumps over the lazy dog. 👋"}]}],
             "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}]}
            """;
        var bytes = Encoding.UTF8.GetBytes(body);
        string[] models = ["gpt-4o", "gpt-4", "gpt-5-mini", "qwen3-32b"];
        const string completion = "Le renard brun rapide saute par-dessus le chien paresseux. 🦊";
        var expected = models.Select(model => Estimator.EstimatePromptTokens(bytes, GatewayOperation.ChatCompletions, model)).ToArray();
        var expectedCompletion = models.Select(model => Estimator.CountCompletionTokens(completion, model)).ToArray();
        var mismatches = 0;

        Parallel.For(0, 400, new ParallelOptions { CancellationToken = TestContext.Current.CancellationToken }, i =>
        {
            var model = i % models.Length;
            if (Estimator.EstimatePromptTokens(bytes, GatewayOperation.ChatCompletions, models[model]) != expected[model]
                || Estimator.CountCompletionTokens(completion, models[model]) != expectedCompletion[model])
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
