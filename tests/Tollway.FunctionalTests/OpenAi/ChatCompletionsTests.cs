using System.Text.Json;
using OpenAI.Chat;
using Tollway.FunctionalTests.Infrastructure;

namespace Tollway.FunctionalTests.OpenAi;

/// <summary>Chat completions through the gateway with the official OpenAI SDK as the client.</summary>
public sealed class ChatCompletionsTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly ChatTool WeatherTool = ChatTool.CreateFunctionTool(
        "get_weather",
        "Current weather in a city",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));

    [Fact]
    public async Task CompleteChat_PlainRequest_ReturnsUpstreamAnswerAndUsage()
    {
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Say hello")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Hello from the fake upstream.", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("gpt-4o-mini", completion.Model);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(5, completion.Usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_ProviderKey_IsSentUpstreamInsteadOfTheCallersKey()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");

        await chat.CompleteChatAsync([new UserChatMessage("hi")], cancellationToken: TestContext.Current.CancellationToken);

        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("Bearer " + GatewayFixture.UpstreamApiKey, request.Headers["Authorization"]);
        Assert.DoesNotContain(request.Headers.Values, value => value.Contains(gateway.UserKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CompleteChatStreaming_TextAnswer_ArrivesAsDeltasWithUsage()
    {
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Say hello")], cancellationToken: TestContext.Current.CancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal("Hello from the fake upstream.", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
        Assert.NotNull(usage);
        Assert.Equal(5, usage.OutputTokenCount);
    }

    [Fact]
    public async Task CompleteChat_ToolCallRoundTrip_ReturnsToolCallThenFinalAnswer()
    {
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        List<ChatMessage> messages = [new UserChatMessage("What is the weather in Paris?")];

        ChatCompletion first = await chat.CompleteChatAsync(messages, options, TestContext.Current.CancellationToken);
        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        var call = Assert.Single(first.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());

        messages.Add(new AssistantChatMessage(first));
        messages.Add(new ToolChatMessage(call.Id, """{"forecast":"sunny"}"""));
        ChatCompletion second = await chat.CompleteChatAsync(messages, options, TestContext.Current.CancellationToken);

        Assert.Equal(ChatFinishReason.Stop, second.FinishReason);
        Assert.Equal("The weather in Paris is sunny.", second.Content[0].Text);
    }

    [Fact]
    public async Task CompleteChatStreaming_ToolCall_ArgumentFragmentsReassemble()
    {
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { Tools = { WeatherTool } };
        var arguments = new System.Text.StringBuilder();
        string? name = null;
        string? id = null;
        var fragments = 0;

        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options, TestContext.Current.CancellationToken))
        {
            foreach (var toolCall in update.ToolCallUpdates)
            {
                name ??= toolCall.FunctionName;
                id ??= toolCall.ToolCallId;
                if (toolCall.FunctionArgumentsUpdate is { } fragment && !fragment.ToMemory().IsEmpty)
                {
                    arguments.Append(fragment.ToString());
                    fragments++;
                }
            }
        }

        Assert.Equal("get_weather", name);
        Assert.NotNull(id);
        Assert.True(fragments >= 3, $"expected the arguments in several fragments, got {fragments}");
        Assert.Equal("""{"city":"Paris"}""", arguments.ToString());
    }

    [Fact]
    public async Task CompleteChat_JsonResponseFormat_IsForwardedAndHonoured()
    {
        gateway.Upstream.Reset();
        var chat = SdkClients.OpenAi(gateway).GetChatClient("gpt-4o-mini");
        var options = new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonObjectFormat() };

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Answer in JSON")], options, TestContext.Current.CancellationToken);

        Assert.Equal("Hello from the fake upstream.", JsonDocument.Parse(completion.Content[0].Text).RootElement.GetProperty("answer").GetString());
        var sent = gateway.Upstream.Requests[0].ParseBody().RootElement;
        Assert.Equal("json_object", sent.GetProperty("response_format").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Post_UnknownFields_ArePassedThroughByteForByte()
    {
        gateway.Upstream.Reset();
        // With its output limit named (within the endpoint's maximum), nothing of the request needs to change.
        const string body = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"seed":7,"logprobs":true,"x_vendor":{"nested":[1,2,{"a":null}]},"temperature":0.25,"max_completion_tokens":50}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, Assert.Single(gateway.Upstream.Requests).BodyText);
    }

    [Fact]
    public async Task Post_PublicModelName_IsRewrittenToTheProvidersModelIdOnly()
    {
        gateway.Upstream.Reset();
        const string body = """{"model":"house-model","messages":[{"role":"user","content":"hi"}],"top_p":1,"max_tokens":50}""";

        using var response = await gateway.PostAsync("/v1/chat/completions", body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body.Replace("house-model", "upstream-model-v2", StringComparison.Ordinal), Assert.Single(gateway.Upstream.Requests).BodyText);
    }

    [Fact]
    public async Task Post_AnyResponse_CarriesARequestId()
    {
        using var ok = await gateway.PostAsync("/v1/chat/completions", """{"model":"gpt-4o-mini","messages":[]}""");
        using var rejected = await gateway.PostAsync("/v1/chat/completions", "{", key: "");

        Assert.StartsWith("gen-", ok.Headers.GetValues("X-Request-Id").Single(), StringComparison.Ordinal);
        Assert.StartsWith("gen-", rejected.Headers.GetValues("X-Request-Id").Single(), StringComparison.Ordinal);
        Assert.NotEqual(ok.Headers.GetValues("X-Request-Id").Single(), rejected.Headers.GetValues("X-Request-Id").Single());
    }
}
