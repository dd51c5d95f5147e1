using System.Text;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Catalog.Tokens;

public sealed class TiktokenPromptEstimatorChatTests
{
    // The example of OpenAI's cookbook "How to count tokens with tiktoken", section 6, whose recipe it checked against
    // the usage the API reported: 129 prompt tokens on gpt-3.5-turbo and gpt-4, 124 on gpt-4o and gpt-4o-mini.
    private const string CookbookMessages = """
        [
          {"role": "system", "content": "You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
          {"role": "system", "name": "example_user", "content": "New synergies will help drive top-line growth."},
          {"role": "system", "name": "example_assistant", "content": "Things working well together will increase revenue."},
          {"role": "system", "name": "example_user", "content": "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
          {"role": "system", "name": "example_assistant", "content": "Let's talk later when we're less busy about how to do better."},
          {"role": "user", "content": "This late pivot means we don't have time to boil the ocean for the client deliverable."}
        ]
        """;

    // Section 7's example: with this tool the API reported 105 prompt tokens on gpt-3.5-turbo and gpt-4, 101 on gpt-4o
    // and gpt-4o-mini.
    private const string CookbookTools = """
        [{"type": "function", "function": {"name": "get_current_weather", "description": "Get the current weather in a given location",
          "parameters": {"type": "object", "properties": {
            "location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
            "unit": {"type": "string", "description": "The unit of temperature to return", "enum": ["celsius", "fahrenheit"]}},
          "required": ["location"]}}}]
        """;

    private const string CookbookToolMessages = """
        [{"role": "system", "content": "You are a helpful assistant that can answer to questions about the weather."},
         {"role": "user", "content": "What's the weather like in San Francisco?"}]
        """;

    private static readonly TiktokenPromptEstimator Estimator = new();

    [Theory]
    [InlineData("gpt-3.5-turbo", 129)]
    [InlineData("gpt-4", 129)]
    [InlineData("gpt-4-0613", 129)]
    [InlineData("gpt-4o", 124)]
    [InlineData("gpt-4o-mini", 124)]
    [InlineData("openai/gpt-4o-mini", 124)]
    public void EstimatePromptTokens_CookbookExample_MatchesTheCountTheApiReported(string model, int apiPromptTokens) =>
        Assert.Equal(apiPromptTokens, Chat($$"""{"model":"m","messages":{{CookbookMessages}}}""", model));

    [Theory]
    [InlineData("gpt-3.5-turbo", 105)]
    [InlineData("gpt-4", 105)]
    [InlineData("gpt-4o", 101)]
    [InlineData("gpt-4o-mini", 101)]
    public void EstimatePromptTokens_CookbookToolsExample_IsNotBelowTheCountTheApiReported(string model, int apiPromptTokens) =>
        Assert.InRange(Chat($$"""{"model":"m","messages":{{CookbookToolMessages}},"tools":{{CookbookTools}}}""", model), apiPromptTokens, apiPromptTokens * 2);

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("gpt-4")]
    [InlineData("gpt-5")]
    public void EstimatePromptTokens_Chat_IsAtLeastTheConcatenatedMessageTexts(string model)
    {
        const string body = """
            {"model":"m","messages":[
              {"role":"system","content":"You answer in French, briefly."},
              {"role":"user","content":[{"type":"text","text":"Translate: "},{"type":"text","text":"the cat sat on the mat"}]},
              {"role":"assistant","content":"Le chat s'est assis sur le tapis."},
              {"role":"user","content":"Et en allemand, s'il te plaît ? 🇩🇪"}]}
            """;
        const string texts = "You answer in French, briefly.Translate: the cat sat on the matLe chat s'est assis sur le tapis."
            + "Et en allemand, s'il te plaît ? 🇩🇪";
        var tokenizer = model == "gpt-4" ? ReferenceTokenizers.Cl100k : ReferenceTokenizers.O200k;

        Assert.True(Chat(body, model) >= tokenizer.CountTokens(texts) + (4 * 3) + 3);
    }

    [Fact]
    public void EstimatePromptTokens_EachMessage_AddsItsFramingAndRole()
    {
        // 3 framing + "user" + "hi" + 3 priming; a second message adds 3 + 1 + 1.
        Assert.Equal(8, Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "gpt-4o"));
        Assert.Equal(13, Chat("""{"model":"m","messages":[{"role":"user","content":"hi"},{"role":"user","content":"hi"}]}""", "gpt-4o"));
        Assert.Equal(3, Chat("""{"model":"m","messages":[]}""", "gpt-4o"));
    }

    [Fact]
    public void EstimatePromptTokens_MessageWithName_AddsOneMoreThanTheName() =>
        Assert.Equal(
            8 + 1 + ReferenceTokenizers.O200k.CountTokens("example_user"),
            Chat("""{"model":"m","messages":[{"role":"user","name":"example_user","content":"hi"}]}""", "gpt-4o"));

    [Fact]
    public void EstimatePromptTokens_Tools_CountTheirJsonAndTheBlock()
    {
        var without = Chat($$"""{"model":"m","messages":{{CookbookToolMessages}}}""", "gpt-4o");
        var with = Chat($$"""{"model":"m","messages":{{CookbookToolMessages}},"tools":{{CookbookTools.Trim()}}}""", "gpt-4o");

        Assert.Equal(ReferenceTokenizers.O200k.CountTokens(CookbookTools.Trim()) + 12, with - without);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"tools":[]}""")]
    [InlineData("""{"model":"m","messages":[],"tools":null}""")]
    [InlineData("""{"model":"m","messages":[],"tools":[ ]}""")]
    public void EstimatePromptTokens_NoTools_AddNothing(string body) => Assert.Equal(3, Chat(body, "gpt-4o"));

    [Fact]
    public void EstimatePromptTokens_ToolCallsAndResults_CountTheirStrings()
    {
        const string body = """
            {"model":"m","messages":[
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"18C and sunny"}]}
            """;
        var billed = new[] { "assistant", "get_weather", "{\"city\":\"Paris\"}", "tool", "call_1", "18C and sunny" }
            .Sum(text => ReferenceTokenizers.O200k.CountTokens(text));

        Assert.True(Chat(body, "gpt-4o") >= billed + (2 * 3) + 3);
    }

    [Fact]
    public void EstimatePromptTokens_OtherFields_AreNotCounted() =>
        Assert.Equal(
            Chat("""{"model":"m","messages":[{"role":"user","content":"hi"}]}""", "gpt-4o"),
            Chat("""{"model":"m","user":"a long end-user identifier that is not billed","metadata":{"k":"v"},"messages":[{"role":"user","content":"hi"}],"temperature":0.2}""", "gpt-4o"));

    [Fact]
    public void EstimatePromptTokens_JsonSchemaResponseFormat_IsCounted()
    {
        const string format = """{"type":"json_schema","json_schema":{"name":"answer","schema":{"type":"object","properties":{"value":{"type":"string"}}}}}""";

        Assert.Equal(
            Chat("""{"model":"m","messages":[]}""", "gpt-4o") + ReferenceTokenizers.O200k.CountTokens(format),
            Chat($$"""{"model":"m","messages":[],"response_format":{{format}}}""", "gpt-4o"));
    }

    [Fact]
    public void EstimatePromptTokens_MultibyteAndEmoji_CountedByTheTokenizerOrByBytes()
    {
        const string text = "お誕生日おめでとう 👋🌍 héllo";
        var body = $$"""{"model":"m","messages":[{"role":"user","content":"{{text}}"}]}""";

        Assert.Equal(3 + 1 + ReferenceTokenizers.O200k.CountTokens(text) + 3, Chat(body, "gpt-4o"));
        Assert.Equal(3 + 1 + ReferenceTokenizers.Cl100k.CountTokens(text) + 3, Chat(body, "gpt-4"));
        Assert.Equal(5 + 4 + Encoding.UTF8.GetByteCount(text) + 5 + 64, Chat(body, "llama-3.1-8b-instruct"));
    }

    [Theory]
    [InlineData("llama-3.1-70b-instruct")]
    [InlineData("qwen2.5-72b-instruct")]
    [InlineData("deepseek-chat")]
    [InlineData("mistralai/mistral-large")]
    public void EstimatePromptTokens_UnknownModel_CountsBytesAboveEveryTokenizer(string model)
    {
        var body = $$"""{"model":"m","messages":{{CookbookMessages}}}""";
        var estimate = Chat(body, model);

        Assert.True(estimate > Chat(body, "gpt-4"));
        Assert.True(estimate > Chat(body, "gpt-4o"));
        Assert.True(estimate >= Encoding.UTF8.GetByteCount(CookbookMessages) / 2);
    }

    [Fact]
    public void EstimatePromptTokens_UnknownModelWithTools_AddsTheToolInstructions()
    {
        var without = Chat($$"""{"model":"m","messages":{{CookbookToolMessages}}}""", "qwen2.5-7b");
        var with = Chat($$"""{"model":"m","messages":{{CookbookToolMessages}},"tools":{{CookbookTools.Trim()}}}""", "qwen2.5-7b");

        Assert.Equal(Encoding.UTF8.GetByteCount(CookbookTools.Trim()) + 128, with - without);
    }

    private static int Chat(string body, string model) =>
        Estimator.EstimatePromptTokens(Encoding.UTF8.GetBytes(body), GatewayOperation.ChatCompletions, model).Tokens;
}
