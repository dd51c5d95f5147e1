using System.Text;
using System.Text.Json;
using Anthropic.Models.Messages;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Messages;

/// <summary>
/// The official Anthropic SDK as the client of <c>/v1/messages</c>, streamed and not, with a tool round trip, served by an
/// OpenAI-format provider (translated both ways), an Anthropic one (passed through) and a Gemini one.
/// </summary>
public sealed class MessagesSdkTests(NativeProvidersFixture gateway) : IClassFixture<NativeProvidersFixture>
{
    private static readonly Tool WeatherTool = new()
    {
        Name = "get_weather",
        Description = "Current weather in a city",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement> { ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }) },
            Required = ["city"],
        },
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("gpt-same", "/v1/chat/completions")]
    [InlineData("claude", "/v1/messages")]
    [InlineData("gemini", "/v1beta/models/gemini-2.5-flash:generateContent")]
    public async Task Create_AnyProvider_AnswersAsAMessage(string model, string upstreamPath)
    {
        gateway.Upstream.Reset();
        var client = AnthropicSdk.Client(gateway);

        var message = await client.Messages.Create(new MessageCreateParams
        {
            Model = model,
            MaxTokens = 256,
            System = "Be brief.",
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }, Ct);

        Assert.True(message.Content[0].TryPickText(out var text));
        Assert.Equal(FakeText.DefaultContent, text.Text);
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
        Assert.Equal(FakeText.CountWords(FakeText.DefaultContent), message.Usage.OutputTokens);
        Assert.True(message.Usage.InputTokens > 0);
        Assert.Equal(upstreamPath, Assert.Single(gateway.Upstream.Requests).Path);
    }

    [Fact]
    public async Task Create_OpenAiProvider_GetsTheEquivalentChatCompletion()
    {
        gateway.Upstream.Reset();
        var client = AnthropicSdk.Client(gateway);

        await client.Messages.Create(new MessageCreateParams
        {
            Model = "gpt-same",
            MaxTokens = 256,
            System = "Be brief.",
            StopSequences = ["END"],
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }, Ct);

        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal("Bearer " + GatewayFixture.UpstreamApiKey, request.Headers["Authorization"]);
        using var body = request.ParseBody();
        var root = body.RootElement;
        Assert.Equal("gpt-same", root.GetProperty("model").GetString());
        // OpenAI's reasoning models refuse max_tokens: the limit goes as max_completion_tokens to the openai preset.
        Assert.Equal(256, root.GetProperty("max_completion_tokens").GetInt32());
        Assert.False(root.TryGetProperty("max_tokens", out _));
        Assert.Equal("END", root.GetProperty("stop")[0].GetString());
        var messages = root.GetProperty("messages");
        Assert.Equal("system", messages[0].GetProperty("role").GetString());
        Assert.Equal("Be brief.", messages[0].GetProperty("content").GetString());
        Assert.Equal("user", messages[1].GetProperty("role").GetString());
    }

    [Fact]
    public async Task Post_AnthropicProvider_GetsTheClientsBodyWithOnlyTheModelReplaced()
    {
        gateway.Upstream.Reset();
        const string body = """{"model":"claude","max_tokens":300,"system":[{"type":"text","text":"Be brief.","cache_control":{"type":"ephemeral"}}],"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]}],"metadata":{"user_id":"u-1"},"top_k":5}""";

        using var response = await AnthropicSdk.PostAsync(gateway, "/v1/messages", body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(gateway.Upstream.Requests);
        Assert.Equal(body.Replace("\"model\":\"claude\"", "\"model\":\"claude-sonnet-4-5\"", StringComparison.Ordinal), request.BodyText);
        Assert.Equal(NativeProvidersFixture.AnthropicApiKey, request.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", request.Headers["anthropic-version"]);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("claude-sonnet-4-5", answer.RootElement.GetProperty("model").GetString());
        Assert.True(answer.RootElement.GetProperty("usage").TryGetProperty("cost", out _));
    }

    [Theory]
    [InlineData("gpt-same")]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task CreateStreaming_AnyProvider_SendsTheDocumentedEventSequence(string model)
    {
        gateway.Upstream.Reset();
        var client = AnthropicSdk.Client(gateway);
        var text = new StringBuilder();
        var kinds = new List<string>();
        StopReason? stop = null;
        long? outputTokens = null;

        await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = model,
            MaxTokens = 256,
            Messages = [new UserMessageParam { Content = "Say hello" }],
        }, Ct))
        {
            kinds.Add(streamEvent.Value switch
            {
                RawMessageStartEvent => "message_start",
                RawContentBlockStartEvent => "content_block_start",
                RawContentBlockDeltaEvent => "content_block_delta",
                RawContentBlockStopEvent => "content_block_stop",
                RawMessageDeltaEvent => "message_delta",
                RawMessageStopEvent => "message_stop",
                _ => "other",
            });
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var piece))
            {
                text.Append(piece.Text);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason?.Value();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        Assert.Equal(FakeText.DefaultContent, text.ToString());
        Assert.Equal(StopReason.EndTurn, stop);
        Assert.Equal(FakeText.CountWords(FakeText.DefaultContent), outputTokens);
        var collapsed = kinds.Where(k => k != "other").Where((k, i) => i == 0 || k != "content_block_delta" || kinds[i - 1] != k).ToList();
        Assert.Equal("message_start", collapsed[0]);
        Assert.Equal(["content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"], collapsed.Skip(1).Distinct());
        Assert.Equal("message_stop", kinds[^1]);
    }

    [Theory]
    [InlineData("gpt-same")]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task Create_ToolRoundTrip_ReturnsToolUseThenFinalAnswer(string model)
    {
        gateway.Upstream.Reset();
        var client = AnthropicSdk.Client(gateway);
        List<MessageParam> messages = [new UserMessageParam { Content = "What is the weather in Paris?" }];

        var first = await client.Messages.Create(new MessageCreateParams { Model = model, MaxTokens = 256, Tools = [WeatherTool], Messages = messages }, Ct);

        Assert.Equal(StopReason.ToolUse, first.StopReason?.Value());
        var toolUse = first.Content.Select(block => block.TryPickToolUse(out var use) ? use : null).Single(use => use is not null)!;
        Assert.Equal("get_weather", toolUse.Name);
        Assert.Equal("Paris", toolUse.Input["city"].GetString());

        messages.Add(new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input } } });
        messages.Add(new UserMessageParam { Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = toolUse.ID, Content = """{"forecast":"sunny"}""" } } });
        var second = await client.Messages.Create(new MessageCreateParams { Model = model, MaxTokens = 256, Tools = [WeatherTool], Messages = messages }, Ct);

        Assert.Equal(StopReason.EndTurn, second.StopReason?.Value());
        Assert.True(second.Content[0].TryPickText(out var text));
        Assert.Equal(FakeText.ToolResultContent, text.Text);
    }

    [Theory]
    [InlineData("gpt-same")]
    [InlineData("claude")]
    [InlineData("gemini")]
    public async Task CreateStreaming_ToolUse_InputJsonReassembles(string model)
    {
        gateway.Upstream.Reset();
        var client = AnthropicSdk.Client(gateway);
        var input = new StringBuilder();
        string? name = null;
        StopReason? stop = null;

        await foreach (var streamEvent in client.Messages.CreateStreaming(new MessageCreateParams
        {
            Model = model,
            MaxTokens = 256,
            Tools = [WeatherTool],
            Messages = [new UserMessageParam { Content = "Weather in Paris?" }],
        }, Ct))
        {
            if (streamEvent.TryPickContentBlockStart(out var start) && start.ContentBlock.TryPickToolUse(out var use))
            {
                name = use.Name;
            }

            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickInputJson(out var json))
            {
                input.Append(json.PartialJson);
            }

            if (streamEvent.TryPickDelta(out var messageDelta))
            {
                stop = messageDelta.Delta.StopReason?.Value();
            }
        }

        Assert.Equal("get_weather", name);
        Assert.Equal("Paris", JsonDocument.Parse(input.ToString()).RootElement.GetProperty("city").GetString());
        Assert.Equal(StopReason.ToolUse, stop);
    }
}
