using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Upstream.Translation.Gemini;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// Chooses how a provider's answer reaches the client, by the two dialects involved. The answer is decoded into OpenAI's
/// shape when the provider speaks another (so usage, cost and the gateway's stream handling apply as for any provider),
/// and encoded into Anthropic's when the client called <c>/v1/messages</c>; an Anthropic answer to an Anthropic client
/// passes through untouched, only read for its usage. OpenAI to OpenAI is never touched at all.
/// </summary>
internal static class ResponseTranslations
{
    public static bool IsPassThrough(WireFormat client, WireFormat upstream) => client == upstream;

    /// <summary>The translation of a stream, or <see langword="null"/> for OpenAI to OpenAI (which reads no clock).</summary>
    public static StreamTranslation? ForStream(WireFormat client, WireFormat upstream, TimeProvider clock)
    {
        if (client == upstream)
        {
            return client == WireFormat.Anthropic ? new StreamTranslation { Accounting = new AnthropicStreamAccounting() } : null;
        }

        var created = clock.GetUtcNow().ToUnixTimeSeconds();

        return new StreamTranslation
        {
            Decoder = upstream switch
            {
                WireFormat.Anthropic => new AnthropicStreamDecoder(created),
                WireFormat.Gemini => new GeminiStreamDecoder(created),
                _ => null,
            },
            Encoder = client == WireFormat.Anthropic ? new AnthropicStreamEncoder() : null,
        };
    }

    /// <summary>A whole answer in OpenAI's shape (the body itself when the provider speaks OpenAI's dialect).</summary>
    public static ReadOnlyMemory<byte> Decode(WireFormat upstream, ReadOnlyMemory<byte> body, long created, string model) => upstream switch
    {
        WireFormat.Anthropic => AnthropicResponseDecoder.Decode(body, created),
        WireFormat.Gemini => GeminiResponseDecoder.Decode(body, created, model),
        _ => body,
    };

    /// <summary>An OpenAI answer in the client's shape.</summary>
    public static ReadOnlyMemory<byte> Encode(WireFormat client, ReadOnlyMemory<byte> openAiBody) =>
        client == WireFormat.Anthropic ? AnthropicResponseEncoder.Encode(openAiBody) : openAiBody;

    /// <summary>The usage of an answer in the dialect it is in.</summary>
    public static TokenUsage? ReadUsage(WireFormat format, ReadOnlySpan<byte> body) => format == WireFormat.Anthropic
        ? AnthropicUsageReader.TryRead(body)
        : UsageReader.TryRead(body, out var usage) ? usage : null;
}
