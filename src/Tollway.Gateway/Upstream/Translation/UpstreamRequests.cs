using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Upstream.Translation.Gemini;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>
/// The body sent to a provider that does not speak OpenAI's dialect: a chat completion (or embeddings request)
/// translated into its own, or — for an Anthropic client and an Anthropic provider — the client's body as it came,
/// with only the model id replaced (and <c>max_tokens</c> lowered where the endpoint gives less). Every generation is
/// sent the output limit its hold covers.
/// </summary>
internal static class UpstreamRequests
{
    /// <param name="body">The chat completion (or embeddings request).</param>
    /// <param name="request">What was read of it.</param>
    /// <param name="endpoint">Where it goes.</param>
    /// <param name="operation">What it asks for.</param>
    /// <param name="maxOutputTokens">The most output of each choice the hold covers at this endpoint.</param>
    public static TranslatedRequest Write(
        PooledBuffer body, InspectedRequest request, ModelEndpoint endpoint, GatewayOperation operation, int maxOutputTokens) =>
        endpoint.Provider.Preset.WireFormat switch
        {
            WireFormat.Anthropic when request.ClientFormat == WireFormat.Anthropic =>
                new TranslatedRequest(ModelSplice.Apply(request.NativeBody.Span, request.NativeModelValue, endpoint.UpstreamModel, LoweredMaxTokens(request, maxOutputTokens)), null),
            WireFormat.Anthropic => AnthropicRequestWriter.Write(body.Memory, endpoint.UpstreamModel, maxOutputTokens),
            WireFormat.Gemini when operation == GatewayOperation.Embeddings => GeminiEmbeddingRequestWriter.Write(body.Memory, endpoint.UpstreamModel),
            WireFormat.Gemini => GeminiRequestWriter.Write(body.Memory, request, maxOutputTokens),
            _ => throw new InvalidOperationException("OpenAI-format providers get the client's bytes."),
        };

    /// <summary>Where and to what an Anthropic client's own <c>max_tokens</c> (always given) is lowered, when it asks for
    /// more than the endpoint gives.</summary>
    private static (Range Value, int Tokens)? LoweredMaxTokens(InspectedRequest request, int maxOutputTokens) =>
        request.MaxOutputTokens > maxOutputTokens ? (request.NativeMaxTokensValue, maxOutputTokens) : null;
}
