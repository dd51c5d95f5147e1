using System.Globalization;
using System.Text;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>
/// One answer's usage as each provider's wire format carries it, unstreamed and streamed: OpenAI's <c>usage</c>
/// (prompt tokens including the cached and written ones, completion tokens including reasoning), Anthropic's
/// (<c>input_tokens</c> without the cache reads and writes, given apart; <c>output_tokens</c> in <c>message_delta</c>)
/// and Gemini's <c>usageMetadata</c> (prompt including cached tokens, candidates without the thoughts).
/// </summary>
/// <param name="Prompt">Every prompt token, cached and written ones included.</param>
/// <param name="Cached">Prompt tokens read from the cache.</param>
/// <param name="Written">Prompt tokens written to the cache (Gemini has none).</param>
/// <param name="Completion">Every output token, reasoning included.</param>
/// <param name="Reasoning">Output tokens spent reasoning.</param>
internal sealed record ProviderUsageWire(int Prompt, int Cached, int Written, int Completion, int Reasoning)
{
    public byte[] Answer(WireFormat format) => Encoding.UTF8.GetBytes(format switch
    {
        WireFormat.Anthropic => Invariant($$$"""{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"Hi there"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{{{AnthropicUsage(output: true)}}}}"""),
        WireFormat.Gemini => Invariant($$"""{"candidates":[{"content":{"parts":[{"text":"Hi there"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{{GeminiUsage()}},"modelVersion":"m","responseId":"r1"}"""),
        _ => Invariant($$$"""{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi there"},"finish_reason":"stop"}],"usage":{{{OpenAiUsage()}}}}"""),
    });

    public byte[] Stream(WireFormat format) => Encoding.UTF8.GetBytes(format switch
    {
        WireFormat.Anthropic => string.Concat(
            Event("message_start", Invariant($$$"""{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"m","stop_reason":null,"stop_sequence":null,"usage":{{{AnthropicUsage(output: false)}}}}}""")),
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            Event("content_block_delta", """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi there"}}"""),
            Event("content_block_stop", """{"type":"content_block_stop","index":0}"""),
            Event("message_delta", Invariant($$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{Completion}}}}}""")),
            Event("message_stop", """{"type":"message_stop"}""")),
        WireFormat.Gemini => string.Concat(
            Invariant($$$"""data: {"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":{{{Prompt}}}},"modelVersion":"m","responseId":"r1"}"""), "\r\n\r\n",
            Invariant($$"""data: {"candidates":[{"content":{"parts":[{"text":" there"}],"role":"model"},"finishReason":"STOP","index":0}],"usageMetadata":{{GeminiUsage()}},"modelVersion":"m","responseId":"r1"}"""), "\r\n\r\n"),
        _ => string.Concat(
            """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", "\n\n",
            """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hi there"},"finish_reason":null}]}""", "\n\n",
            """data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", "\n\n",
            Invariant($$$"""data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{{{OpenAiUsage()}}}}"""), "\n\n",
            "data: [DONE]\n\n"),
    });

    private string OpenAiUsage() => Invariant(
        $$$"""{"prompt_tokens":{{{Prompt}}},"completion_tokens":{{{Completion}}},"total_tokens":{{{(long)Prompt + Completion}}},"prompt_tokens_details":{"cached_tokens":{{{Cached}}},"cache_write_tokens":{{{Written}}}},"completion_tokens_details":{"reasoning_tokens":{{{Reasoning}}}}}""");

    /// <summary>Anthropic's usage; a stream's <c>message_start</c> carries the prompt and one output token, its
    /// <c>message_delta</c> the real output.</summary>
    private string AnthropicUsage(bool output) => Invariant(
        $$$"""{"input_tokens":{{{Prompt - Cached - Written}}},"cache_creation_input_tokens":{{{Written}}},"cache_read_input_tokens":{{{Cached}}},"output_tokens":{{{(output ? Completion : 1)}}}}""");

    private string GeminiUsage() => Invariant(
        $$$"""{"promptTokenCount":{{{Prompt}}},"cachedContentTokenCount":{{{Cached}}},"candidatesTokenCount":{{{Completion - Reasoning}}},"thoughtsTokenCount":{{{Reasoning}}},"totalTokenCount":{{{(long)Prompt + Completion}}}}""");

    private static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
