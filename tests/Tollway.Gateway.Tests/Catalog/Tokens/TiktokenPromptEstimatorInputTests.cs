using System.Text;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class TiktokenPromptEstimatorInputTests
{
    private static readonly TiktokenPromptEstimator Estimator = new();

    [Fact]
    public void EstimatePromptTokens_CompletionsString_CountsThePrompt() =>
        Assert.Equal(6, Estimate("""{"model":"m","prompt":"tiktoken is great!"}""", GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));

    [Fact]
    public void EstimatePromptTokens_CompletionsArrayOfStrings_CountsEach() =>
        Assert.Equal(6 + 2, Estimate("""{"model":"m","prompt":["tiktoken is great!","Hello world"]}""", GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));

    [Theory]
    [InlineData("""[9906, 1917]""", 2)]
    [InlineData("""[[9906, 1917], [83, 1609, 5963]]""", 5)]
    [InlineData("""[]""", 0)]
    public void EstimatePromptTokens_CompletionsTokenIds_CountOneEach(string prompt, int expected) =>
        Assert.Equal(expected, Estimate($$"""{"model":"m","prompt":{{prompt}}}""", GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));

    [Fact]
    public void EstimatePromptTokens_CompletionsSuffix_IsCounted() =>
        Assert.Equal(6 + 2, Estimate("""{"model":"m","prompt":"tiktoken is great!","suffix":"Hello world"}""", GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));

    [Fact]
    public void EstimatePromptTokens_CompletionsIgnoresOtherOperationsFields() =>
        Assert.Equal(2, Estimate("""{"model":"m","messages":[{"role":"user","content":"not this"}],"input":"nor this","prompt":"Hello world"}""", GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));

    [Theory]
    [InlineData("""{"model":"m","input":"tiktoken is great!"}""", 6)]
    [InlineData("""{"model":"m","input":["tiktoken is great!","Hello world","2 + 2 = 4"]}""", 6 + 2 + 7)]
    [InlineData("""{"model":"m","input":[83, 1609, 5963]}""", 3)]
    [InlineData("""{"model":"m","input":[[83, 1609], [5963], []]}""", 3)]
    [InlineData("""{"model":"m","encoding_format":"float","input":"Hello world","dimensions":256}""", 2)]
    public void EstimatePromptTokens_EmbeddingsInput_CountsTextsAndIds(string body, int expected)
    {
        Assert.Equal(expected, Estimate(body, GatewayOperation.Embeddings, "text-embedding-3-small"));
        Assert.Equal(expected, Estimate(body, GatewayOperation.Embeddings, "openai/text-embedding-ada-002"));
    }

    [Theory]
    [InlineData("""{"model":"m","input":"Hello world"}""", 3 + 11)]
    [InlineData("""{"model":"m","input":["Hello world","héllo"]}""", 3 + 11 + 3 + 6)]
    [InlineData("""{"model":"m","input":[101, 102, 103]}""", 3 + 3)]
    [InlineData("""{"model":"m","input":[[101, 102], [103]]}""", 3 + 2 + 3 + 1)]
    public void EstimatePromptTokens_UnknownEmbeddingModel_CountsBytesAndSpecialTokensPerInput(string body, int expected) =>
        Assert.Equal(expected, Estimate(body, GatewayOperation.Embeddings, "BAAI/bge-m3"));

    [Fact]
    public void EstimatePromptTokens_UnknownCompletionsModel_IsAboveEveryTokenizer()
    {
        const string body = """{"model":"m","prompt":"お誕生日おめでとう, and the quick brown fox 👋"}""";
        var estimate = Estimate(body, GatewayOperation.Completions, "deepseek-coder");

        Assert.True(estimate > Estimate(body, GatewayOperation.Completions, "gpt-3.5-turbo-instruct"));
        Assert.True(estimate > ReferenceTokenizers.O200k.CountTokens("お誕生日おめでとう, and the quick brown fox 👋"));
    }

    private static int Estimate(string body, GatewayOperation operation, string model) =>
        Estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), operation, model).Tokens;
}
