using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>Counts every prompt as <paramref name="promptTokens"/> and generated text one token per word: the
/// arithmetic under test, not the tokenizer.</summary>
internal sealed class FixedPromptEstimator(int promptTokens) : IPromptTokenEstimator
{
    public PromptEstimate EstimatePromptTokens(
        ReadOnlySpan<byte> requestBody, GatewayOperation operation, string upstreamModel, WireFormat upstreamFormat = WireFormat.OpenAi) =>
        new(promptTokens);

    public PromptEstimate EstimateMessagesPromptTokens(ReadOnlyMemory<byte> messagesBody, string upstreamModel) => new(promptTokens);

    public int CountCompletionTokens(string text, string upstreamModel) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
