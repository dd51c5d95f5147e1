using System.Text.Json;
using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Catalog.Tokens;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Messages;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>: the pipeline's authenticate, read and resolve stages (no x402: a count is free,
/// and no <c>max_tokens</c> is required), then its own counting step. When one of the model's endpoints is an Anthropic
/// provider, its own count (free and exact; see <see cref="AnthropicTokenCounter"/>). Otherwise, or when that fails, the
/// prompt's tokens as the gateway counts them for the hold — the body as that Anthropic endpoint would get it, else the
/// request read as its chat completion, counted with the model's tokenizer (or its UTF-8 bytes where none is available,
/// an upper bound) — with nothing sent upstream. What cannot be measured (a document, a file) is not in that count. The
/// request log does not record token counts.
/// </summary>
internal sealed class CountTokensHandler(
    AuthenticateStage authenticate, ReadStage read, ResolveStage resolve, AnthropicTokenCounter counter, IPromptTokenEstimator estimator)
{
    public async Task HandleAsync(HttpContext context)
    {
        using var request = GatewayRequest.Unlogged(context, GatewayOperation.ChatCompletions, WireFormat.Anthropic);
        CatalogModel? model = null;
        var answer = authenticate.Run(request, offersPayment: false);
        answer = answer.Continues ? await read.RunAsync(request, countOnly: true) : answer;
        answer = answer.Continues ? resolve.FindChatModel(request, out model) : answer;
        if (!answer.Continues)
        {
            await AnswerWriter.WriteAsync(request, answer);
            return;
        }

        var tokens = await CountAsync(request, model!);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteNumber("input_tokens"u8, tokens);
        writer.WriteEndObject();
    }

    private async Task<int> CountAsync(GatewayRequest request, CatalogModel model)
    {
        var received = request.Received!.Memory;
        var messages = request.Messages!;
        var anthropic = model.Endpoints.FirstOrDefault(e => e.Provider.Preset.WireFormat == WireFormat.Anthropic);
        var counted = anthropic is null ? null : await counter.TryCountAsync(anthropic, received, messages.ModelValue, request.Aborted);
        if (counted is { } exact)
        {
            return exact;
        }

        var first = model.Endpoints[0];
        return (anthropic is null
            ? estimator.EstimatePromptTokens(messages.ChatBody!.Span, GatewayOperation.ChatCompletions, first.UpstreamModel, first.Provider.Preset.WireFormat)
            : estimator.EstimateMessagesPromptTokens(received, anthropic.UpstreamModel)).Tokens;
    }
}
