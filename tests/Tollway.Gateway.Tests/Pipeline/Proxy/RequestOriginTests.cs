using System.Text;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>The inspected request is made whole once: what the client's API adds is in it from the start.</summary>
public sealed class RequestOriginTests
{
    private const string LongCacheChat =
        """{"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"x","cache_control":{"type":"ephemeral","ttl":"1h"}}]}]}""";

    [Fact]
    public void Inspect_OpenAiChatAskingForHourLongCacheWrites_HasThemInItsFeatures()
    {
        var request = RequestInspector.Inspect(Encoding.UTF8.GetBytes(LongCacheChat), GatewayOperation.ChatCompletions, RequestOrigin.OpenAi).Request!;

        Assert.True(request.Features.CacheWrites1h);
        Assert.Equal(WireFormat.OpenAi, request.ClientFormat);
    }

    [Fact]
    public void Inspect_BodyOnly_AddsNothing()
    {
        var request = RequestInspector.Inspect(Encoding.UTF8.GetBytes(LongCacheChat), GatewayOperation.ChatCompletions).Request!;

        Assert.False(request.Features.CacheWrites1h);
    }

    [Fact]
    public void Inspect_AnthropicMessages_TakesItsBodyLimitAndBudgetFromTheClientsRequest()
    {
        var native = Encoding.UTF8.GetBytes(
            """{"model":"claude","max_tokens":2000,"thinking":{"type":"enabled","budget_tokens":1024},"messages":[{"role":"user","content":"hi"}]}""");
        var messages = MessagesRequestReader.Read(native);
        using var chat = messages.ChatBody!;

        var request = RequestInspector.Inspect(chat.Span, GatewayOperation.ChatCompletions, RequestOrigin.Anthropic(messages, native)).Request!;

        Assert.Equal(WireFormat.Anthropic, request.ClientFormat);
        Assert.Equal(2000, request.MaxOutputTokens);
        Assert.Equal(messages.ThinkingBudget, request.ThinkingBudget);
        Assert.Equal("\"claude\"", Encoding.UTF8.GetString(native[request.NativeModelValue]));
        Assert.Equal("2000", Encoding.UTF8.GetString(native[request.NativeMaxTokensValue]));
        Assert.Equal(native.Length, request.NativeBody.Length);
    }
}
