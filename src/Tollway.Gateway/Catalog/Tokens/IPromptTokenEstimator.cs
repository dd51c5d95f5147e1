using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Counts the tokens of a request before it is forwarded, so the gateway can hold the worst-case cost of it, and of
/// generated text when a stream ends before the provider reported usage.
/// </summary>
public interface IPromptTokenEstimator
{
    /// <summary>
    /// Tokens the prompt of this raw OpenAI request body will be billed at, never fewer than the provider will count
    /// (as far as can be known), and whether part of it cannot be counted at all: an upper bound for holds.
    /// </summary>
    /// <param name="requestBody">The request body as the client sent it (UTF-8 JSON).</param>
    /// <param name="operation">The operation the body is for; it decides which fields are the prompt.</param>
    /// <param name="upstreamModel">The model id the upstream will be asked for, optionally <c>provider/</c>-prefixed.</param>
    /// <param name="upstreamFormat">The provider's dialect: a Gemini provider is given media by URL to fetch, whatever
    /// its kind.</param>
    PromptEstimate EstimatePromptTokens(
        ReadOnlySpan<byte> requestBody, GatewayOperation operation, string upstreamModel, WireFormat upstreamFormat = WireFormat.OpenAi);

    /// <summary>
    /// As <see cref="EstimatePromptTokens"/>, for an Anthropic Messages body sent to an Anthropic provider as the client
    /// wrote it: its documents, tool results, thinking and tool definitions are counted as the provider bills them.
    /// </summary>
    /// <param name="messagesBody">The Messages API request body as the client sent it.</param>
    /// <param name="upstreamModel">The model id the upstream will be asked for.</param>
    PromptEstimate EstimateMessagesPromptTokens(ReadOnlyMemory<byte> messagesBody, string upstreamModel);

    /// <summary>Tokens of generated text (used to bill a stream that was cut before the provider sent usage).</summary>
    /// <param name="text">The text generated so far.</param>
    /// <param name="upstreamModel">The model id the upstream was asked for, optionally <c>provider/</c>-prefixed.</param>
    int CountCompletionTokens(string text, string upstreamModel);
}
