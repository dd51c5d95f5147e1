using System.Buffers;
using System.Text;
using System.Text.Json;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;
using static Tollway.Gateway.Tests.Upstream.Translation.TranslationJson;

namespace Tollway.Gateway.Tests.Upstream.Translation.Anthropic;

/// <summary>An Anthropic stream passed through to an Anthropic client: which events end it, carry its usage or an error.</summary>
public sealed class AnthropicStreamAccountingTests
{
    private readonly AnthropicStreamAccounting _accounting = new();

    private SseEventKind Classify(string data, string name, out TokenUsage? usage) => _accounting.Classify(Event(data, name), out usage);

    [Fact]
    public void Classify_MessageDelta_CarriesTheUsageOfStartAndDeltaTogether()
    {
        Assert.Equal(SseEventKind.Chunk, Classify("""{"type":"message_start","message":{"id":"msg_1","usage":{"input_tokens":25,"cache_read_input_tokens":100,"output_tokens":1}}}""", "message_start", out var none));
        Assert.Null(none);
        Assert.Equal(SseEventKind.Chunk, Classify("""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"usage"}}""", "content_block_delta", out none));
        Assert.Null(none);

        Classify("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":15}}""", "message_delta", out var usage);

        Assert.Equal(new TokenUsage(125, 15, 100, 0, 0), usage);
    }

    [Theory]
    [InlineData("""{"type":"message_stop"}""", "message_stop", nameof(SseEventKind.Done))]
    [InlineData("""{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""", "error", nameof(SseEventKind.Error))]
    [InlineData("""{"type":"ping"}""", "ping", nameof(SseEventKind.Chunk))]
    public void Classify_Event_IsItsKind(string data, string name, string kind) => Assert.Equal(kind, Classify(data, name, out _).ToString());

    [Fact]
    public void WriteUsageEvent_WithACharge_PutsTheCostInTheUsageAndKeepsTheEventName()
    {
        var output = new ArrayBufferWriter<byte>();
        var charge = new ChargeRecord
        {
            RequestId = "r",
            AccountId = "a",
            Model = "claude",
            Provider = "anthropic",
            UpstreamModel = "claude-sonnet-4-5",
            ProviderCost = 1_500_000,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };

        _accounting.WriteUsageEvent(Event("""{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":15}}""", "message_delta"), ChargeCost.Of(charge), output);

        var (name, data) = Assert.Single(Events(output));
        Assert.Equal("message_delta", name);
        var usage = JsonDocument.Parse(data).RootElement.GetProperty("usage");
        Assert.Equal(15, usage.GetProperty("output_tokens").GetInt32());
        Assert.Equal(0.0015m, usage.GetProperty("cost").GetDecimal());
        Assert.EndsWith("\n\n", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }
}
