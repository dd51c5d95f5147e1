using System.Text;
using System.Text.Json;
using OpenAI.Chat;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Translation;

/// <summary>
/// The official OpenAI SDK against native Anthropic and Gemini providers: its chat requests are translated into the
/// Messages API and <c>generateContent</c>, and the answers, streamed and not, with tool calls, come back in OpenAI's shape.
/// </summary>
public sealed class NativeUpstreamSdkTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        "get_weather",
        "Current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task CompleteChat_NativeProvider_AnswersInOpenAiShape(string model)
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient(model);

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("Say hello")], cancellationToken: Ct);

        Assert.Equal(FakeText.DefaultContent, completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(FakeText.CountWords(FakeText.DefaultContent), completion.Usage.OutputTokenCount);
        Assert.Single(gateway.Upstream.Requests);
    }

    [Fact]
    public async Task CompleteChat_Anthropic_SendsTheMessagesApiWithItsHeaders()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("claude");

        await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Say hello")], cancellationToken: Ct);

        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1/messages", request.Path);
        Assert.Equal(NativeProvidersFixture.AnthropicApiKey, request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        using var body = request.ParseBody();
        var root = body.RootElement;
        Assert.Equal("claude-sonnet-4-5", root.GetProperty("model").GetString());
        // No max_tokens from the client: the endpoint's maximum output, since the Messages API requires one.
        Assert.Equal(8192, root.GetProperty("max_tokens").GetInt32());
        Assert.Equal("Be brief.", root.GetProperty("system")[0].GetProperty("text").GetString());
        var message = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
    }

    [Fact]
    public async Task CompleteChat_Gemini_KeyTravelsOnlyInTheHeader()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gemini");

        await chat.CompleteChatAsync([new SystemChatMessage("Be brief."), new UserChatMessage("Say hello")], cancellationToken: Ct);

        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1beta/models/gemini-2.5-flash:generateContent", request.Path);
        Assert.Equal("", request.QueryString);
        Assert.Equal(NativeProvidersFixture.GeminiApiKey, request.Headers["x-goog-api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.DoesNotContain(NativeProvidersFixture.GeminiApiKey, request.BodyText, StringComparison.Ordinal);
        using var body = request.ParseBody();
        Assert.Equal("Be brief.", body.RootElement.GetProperty("systemInstruction").GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("user", body.RootElement.GetProperty("contents")[0].GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("claude", "/v1/messages", "")]
    [InlineData("gemini", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", "?alt=sse")]
    public async Task CompleteChatStreaming_NativeProvider_ArrivesAsDeltasWithUsage(string model, string path, string query)
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient(model);
        var text = new StringBuilder();
        var deltas = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: Ct))
        {
            foreach (var part in update.ContentUpdate.Where(part => part.Text.Length > 0))
            {
                text.Append(part.Text);
                deltas++;
            }

            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal(FakeText.DefaultContent, text.ToString());
        Assert.Equal(FakeText.SplitWords(FakeText.DefaultContent).Count, deltas);
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(FakeText.CountWords(FakeText.DefaultContent), usage.OutputTokenCount);
        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal(path, request.Path);
        Assert.Equal(query, request.QueryString);
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task CompleteChat_ToolCallRoundTrip_ReturnsToolCallThenFinalAnswer(string model)
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient(model);
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options, Ct);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"forecast":"sunny"}"""));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options, Ct);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal(FakeText.ToolResultContent, second.Content[0].Text);
        Assert.Equal(2, gateway.Upstream.Requests.Count);
    }

    [Fact]
    public async Task CompleteChat_AnthropicReasoningWithATool_RoundTripSucceeds()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("claude");
#pragma warning disable OPENAI001 // Reasoning effort is marked experimental in the SDK.
        var options = new ChatCompletionOptions { Tools = { WeatherTool }, ReasoningEffortLevel = ChatReasoningEffortLevel.Low };
#pragma warning restore OPENAI001
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options, Ct);
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(Assert.Single(first.ToolCalls).Id, "sunny"));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options, Ct);

        Assert.Equal(FakeText.ToolResultContent, second.Content[0].Text);
        using var firstSent = gateway.Upstream.Requests[0].ParseBody();
        using var secondSent = gateway.Upstream.Requests[1].ParseBody();
        Assert.Equal("enabled", firstSent.RootElement.GetProperty("thinking").GetProperty("type").GetString());
        // The signed thinking block of the call cannot come back through OpenAI's format, so the continuation goes without.
        Assert.False(secondSent.RootElement.TryGetProperty("thinking", out _));
    }

    [Fact]
    public async Task CompleteChat_AnthropicToolResult_IsAToolResultBlockOfAUserTurn()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("claude");
        var options = new ChatCompletionOptions { Tools = { WeatherTool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];
        ChatCompletion first = await chat.CompleteChatAsync(messages, options, Ct);
        var call = Assert.Single(first.ToolCalls);
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, "sunny"));

        await chat.CompleteChatAsync(messages, options, Ct);

        using var sent = gateway.Upstream.Requests[1].ParseBody();
        var root = sent.RootElement;
        Assert.Equal("get_weather", root.GetProperty("tools")[0].GetProperty("name").GetString());
        Assert.Equal("object", root.GetProperty("tools")[0].GetProperty("input_schema").GetProperty("type").GetString());
        Assert.Equal("any", root.GetProperty("tool_choice").GetProperty("type").GetString());
        var turns = root.GetProperty("messages");
        Assert.Equal(3, turns.GetArrayLength());
        var toolUse = turns[1].GetProperty("content")[0];
        Assert.Equal("tool_use", toolUse.GetProperty("type").GetString());
        Assert.Equal(call.Id, toolUse.GetProperty("id").GetString());
        Assert.Equal("Paris", toolUse.GetProperty("input").GetProperty("city").GetString());
        var result = turns[2].GetProperty("content")[0];
        Assert.Equal("user", turns[2].GetProperty("role").GetString());
        Assert.Equal("tool_result", result.GetProperty("type").GetString());
        Assert.Equal(call.Id, result.GetProperty("tool_use_id").GetString());
        Assert.Equal("sunny", result.GetProperty("content").GetString());
    }

    [Fact]
    public async Task CompleteChat_GeminiToolResult_IsAFunctionResponseNamedAfterTheCall()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gemini");
        var options = new ChatCompletionOptions { Tools = { WeatherTool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];
        ChatCompletion first = await chat.CompleteChatAsync(messages, options, Ct);
        var call = Assert.Single(first.ToolCalls);
        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"forecast":"sunny"}"""));

        await chat.CompleteChatAsync(messages, options, Ct);

        using var sent = gateway.Upstream.Requests[1].ParseBody();
        var root = sent.RootElement;
        var declaration = root.GetProperty("tools")[0].GetProperty("functionDeclarations")[0];
        Assert.Equal("get_weather", declaration.GetProperty("name").GetString());
        Assert.Equal("object", declaration.GetProperty("parametersJsonSchema").GetProperty("type").GetString());
        Assert.Equal("ANY", root.GetProperty("toolConfig").GetProperty("functionCallingConfig").GetProperty("mode").GetString());
        var contents = root.GetProperty("contents");
        Assert.Equal("model", contents[1].GetProperty("role").GetString());
        Assert.Equal("Paris", contents[1].GetProperty("parts")[0].GetProperty("functionCall").GetProperty("args").GetProperty("city").GetString());
        var response = contents[2].GetProperty("parts")[0].GetProperty("functionResponse");
        Assert.Equal("user", contents[2].GetProperty("role").GetString());
        Assert.Equal("get_weather", response.GetProperty("name").GetString());
        Assert.Equal("sunny", response.GetProperty("response").GetProperty("forecast").GetString());
    }

    [Theory]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task CompleteChatStreaming_ToolCall_ArgumentsReassemble(string model)
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient(model);
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        var arguments = new StringBuilder();
        string? name = null;
        string? id = null;
        ChatFinishReason? finish = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options, Ct))
        {
            foreach (var toolCall in update.ToolCallUpdates)
            {
                name ??= toolCall.FunctionName;
                id ??= toolCall.ToolCallId;
                if (toolCall.FunctionArgumentsUpdate is { } fragment && !fragment.ToMemory().IsEmpty)
                {
                    arguments.Append(fragment.ToString());
                }
            }

            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("get_weather", name);
        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(FakeText.ToolArguments, arguments.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }

    [Fact]
    public async Task CompleteChat_GeminiThinking_ComesBackAsReasoningAndIsBilledAsOutput()
    {
        gateway.Upstream.Reset();

        using var response = await gateway.PostAsync("/v1/chat/completions",
            """{"model":"gemini","messages":[{"role":"user","content":"Weather?"}],"reasoning_effort":"low"}""");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var message = answer.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(FakeText.Thinking, message.GetProperty("reasoning").GetString());
        Assert.Equal(FakeText.DefaultContent, message.GetProperty("content").GetString());
        var usage = answer.RootElement.GetProperty("usage");
        var thoughts = FakeText.CountWords(FakeText.Thinking);
        Assert.Equal(FakeText.CountWords(FakeText.DefaultContent) + thoughts, usage.GetProperty("completion_tokens").GetInt32());
        Assert.Equal(thoughts, usage.GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        using var sent = gateway.Upstream.Requests[0].ParseBody();
        var thinking = sent.RootElement.GetProperty("generationConfig").GetProperty("thinkingConfig");
        Assert.Equal(1024, thinking.GetProperty("thinkingBudget").GetInt32());
        Assert.True(thinking.GetProperty("includeThoughts").GetBoolean());
    }

    [Fact]
    public async Task GenerateEmbeddings_Gemini_BatchEmbedContentsAnswersInOpenAiShape()
    {
        gateway.Upstream.Reset();
        var client = SdkClients.OpenAi(gateway).GetEmbeddingClient("gemini-embed");

        var embeddings = await client.GenerateEmbeddingsAsync(["one", "two words"], new OpenAI.Embeddings.EmbeddingGenerationOptions { Dimensions = 4 }, Ct);

        Assert.Equal(2, embeddings.Value.Count);
        Assert.All(embeddings.Value, e => Assert.Equal(4, e.ToFloats().Length));
        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1beta/models/gemini-embedding-001:batchEmbedContents", request.Path);
        Assert.Equal(NativeProvidersFixture.GeminiApiKey, request.Headers["x-goog-api-key"]);
        using var sent = request.ParseBody();
        Assert.Equal("two words", sent.RootElement.GetProperty("requests")[1].GetProperty("content").GetProperty("parts")[0].GetProperty("text").GetString());
    }
}
