using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// The most output of one choice an endpoint may produce for a request — what the gateway held for — and the member an
/// OpenAI-format body carries it in, so the provider can never generate more than was held.
/// </summary>
/// <param name="Member">The provider's member for chat completions (<see cref="UpstreamProvider.OutputLimitMember"/>);
/// <c>max_tokens</c>, the only one, for legacy completions.</param>
/// <param name="Tokens">The per-choice maximum the hold covers.</param>
internal readonly record struct UpstreamOutputCap(string Member, int Tokens)
{
    /// <summary>The cap for an operation that generates output; <see langword="null"/> for embeddings.</summary>
    public static UpstreamOutputCap? For(GatewayOperation operation, UpstreamProvider provider, int tokens) => operation switch
    {
        GatewayOperation.ChatCompletions => new UpstreamOutputCap(provider.OutputLimitMember, tokens),
        GatewayOperation.Completions => new UpstreamOutputCap(ProviderPreset.MaxTokens, tokens),
        _ => null,
    };
}
