using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation.Anthropic;

/// <summary>An Anthropic Messages request read for the gateway: the same request as a chat completion (which routing,
/// pricing and every non-Anthropic provider work from), where its model id sits in the original bytes, and its thinking
/// budget; or why it is refused.</summary>
internal sealed record MessagesRequest(PooledBuffer? ChatBody, Range ModelValue, int? ThinkingBudget, string? Error, string? Param = null)
{
    /// <summary>The model the client named.</summary>
    public string? Model { get; init; }

    /// <summary>The client's <c>max_tokens</c> (none for a token count, which may leave it out). It is not written into
    /// the chat completion: the gateway sends each provider the limit it holds for, in the member that provider reads
    /// (<c>max_completion_tokens</c> for OpenAI's reasoning models).</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Where the client's <c>max_tokens</c> sits in its bytes (empty for a token count, which may have none).</summary>
    public Range MaxTokensValue { get; init; }

    /// <summary>What the request asks an Anthropic provider for that is priced apart from its tokens.</summary>
    public PricedFeatures Features { get; init; }

    /// <summary>Why the request cannot be billed (a server tool without a price the gateway can charge), if it cannot.</summary>
    public GatewayError? FeatureRefusal { get; init; }

    public static MessagesRequest Invalid(string error, string? param = null) => new(null, default, null, error, param);
}
