using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Catalog.Tokens;

/// <summary>
/// Estimates prompt tokens with OpenAI's tiktoken vocabularies for OpenAI's model families and UTF-8 bytes for every
/// other family, adding the framing each family's template puts around the text (see <see cref="ModelFamilies"/>).
/// Stateless: the tokenizers it shares are immutable, so one instance serves every request at once.
/// </summary>
internal sealed class TiktokenPromptEstimator : IPromptTokenEstimator
{
    // The gateway's own request check allows this depth; a deeper body must not fall back to its byte count for that.
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    public PromptEstimate EstimatePromptTokens(
        ReadOnlySpan<byte> requestBody, GatewayOperation operation, string upstreamModel, WireFormat upstreamFormat = WireFormat.OpenAi)
    {
        var family = ModelFamilies.Resolve(upstreamModel);
        var counter = TiktokenEncodings.CounterFor(family.Encoding);
        try
        {
            var reader = new Utf8JsonReader(requestBody, ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new PromptEstimate(requestBody.Length);
            }

            var media = default(MediaTally);
            var tokens = operation == GatewayOperation.ChatCompletions
                ? ChatPromptCounter.Count(requestBody, ref reader, family, counter, upstreamFormat, ref media)
                : InputPromptCounter.Count(ref reader, operation, family, counter);
            return new PromptEstimate(Saturate(tokens), media.Unmeasured)
            {
                Audio = media.Audio,
                AudioTokens = Saturate(media.AudioTokens),
                Documents = media.Documents,
            };
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            // The gateway validates bodies before estimating, so this is a safety net, not a path: a JSON body's
            // tokens never outnumber its bytes but for the media allowances, which a malformed body cannot claim.
            return new PromptEstimate(requestBody.Length);
        }
    }

    public PromptEstimate EstimateMessagesPromptTokens(ReadOnlyMemory<byte> messagesBody, string upstreamModel)
    {
        var family = ModelFamilies.Resolve(upstreamModel);
        try
        {
            using var document = JsonDocument.Parse(messagesBody, new JsonDocumentOptions { MaxDepth = 256 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new PromptEstimate(messagesBody.Length);
            }

            var tokens = AnthropicPromptCounter.Count(document.RootElement, family, out var unmeasured);
            return new PromptEstimate(Saturate(tokens), unmeasured);
        }
        catch (JsonException)
        {
            // As above: the body was read as JSON before, so this does not happen.
            return new PromptEstimate(messagesBody.Length);
        }
    }

    public int CountCompletionTokens(string text, string upstreamModel)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counter = TiktokenEncodings.CounterFor(ModelFamilies.Resolve(upstreamModel).Encoding);
        return Saturate(counter.Count(text));
    }

    private static int Saturate(long tokens) => (int)Math.Min(tokens, int.MaxValue);
}
