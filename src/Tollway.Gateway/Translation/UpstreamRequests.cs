using Tollway.Gateway.Catalog;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.Translation.Anthropic;
using Tollway.Gateway.Translation.Gemini;

namespace Tollway.Gateway.Translation;

/// <summary>
/// The body sent to a provider that does not speak OpenAI's dialect: a chat completion (or embeddings request)
/// translated into its own, or — for an Anthropic client and an Anthropic provider — the client's body as it came,
/// with only the model id replaced.
/// </summary>
internal static class UpstreamRequests
{
    public static TranslatedRequest Write(
        PooledBuffer body, InspectedRequest request, ModelEndpoint endpoint, GatewayOperation operation, int defaultMaxOutput)
    {
        var maxTokens = request.MaxOutputTokens ?? endpoint.MaxOutputTokens ?? defaultMaxOutput;
        return endpoint.Provider.Preset.WireFormat switch
        {
            WireFormat.Anthropic when request.ClientFormat == WireFormat.Anthropic =>
                new TranslatedRequest(ModelSplice.Apply(request.NativeBody.Span, request.NativeModelValue, endpoint.UpstreamModel), null),
            WireFormat.Anthropic => AnthropicRequestWriter.Write(body.Memory, endpoint.UpstreamModel, maxTokens),
            WireFormat.Gemini when operation == GatewayOperation.Embeddings => GeminiEmbeddingRequestWriter.Write(body.Memory, endpoint.UpstreamModel),
            WireFormat.Gemini => GeminiRequestWriter.Write(body.Memory, request),
            _ => throw new InvalidOperationException("OpenAI-format providers get the client's bytes."),
        };
    }
}
