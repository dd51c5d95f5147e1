using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Catalog;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Providers;
using Tollway.Gateway.Proxy;
using Tollway.Gateway.Server;
using Tollway.Gateway.Tokens;
using Tollway.Gateway.Translation.Anthropic;

namespace Tollway.Gateway.Messages;

/// <summary>
/// <c>POST /v1/messages/count_tokens</c>. When one of the model's endpoints is an Anthropic provider, its own count
/// (free and exact; see <see cref="AnthropicTokenCounter"/>). Otherwise, or when that fails, the prompt's tokens as the
/// gateway counts them for the hold — the body as that Anthropic endpoint would get it, else the request read as its
/// chat completion, counted with the model's tokenizer (or its UTF-8 bytes where none is available, an upper bound) —
/// with nothing sent upstream. Free either way. What cannot be measured (a document, a file) is not in that count.
/// </summary>
internal sealed class CountTokensHandler(
    ApiKeyAuthenticator authenticator,
    CatalogState catalog,
    IPromptTokenEstimator estimator,
    IOptions<ServerOptions> options,
    ILogger<CountTokensHandler> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var auth = authenticator.Authenticate(context.Request);
        if (auth.Key is not { } key)
        {
            await AnthropicErrorWriter.WriteAsync(context, GatewayError.ForAuthentication(auth.Status));
            return;
        }

        var (received, bodyError) = await RequestBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (received is null)
        {
            context.Response.Headers.Connection = "close";
            await AnthropicErrorWriter.WriteAsync(context, bodyError!);
            return;
        }

        using (received)
        {
            // count_tokens takes no max_tokens, so the reader is told not to require one.
            var messages = MessagesRequestReader.Read(received.Memory, requireMaxTokens: false);
            using var chat = messages.ChatBody;
            if (messages.Error is { } error)
            {
                await AnthropicErrorWriter.WriteAsync(context, GatewayError.InvalidRequest(error, messages.Param));
                return;
            }

            var id = messages.Model ?? "";
            if (!catalog.Current.TryFind(id, out var model) || model.Kind != ModelKind.Chat)
            {
                await AnthropicErrorWriter.WriteAsync(context, GatewayError.ModelNotFound(id));
                return;
            }

            if (!key.Allows(model.Id))
            {
                await AnthropicErrorWriter.WriteAsync(context, GatewayError.ModelNotAllowed(model.Id));
                return;
            }

            var anthropic = model.Endpoints.FirstOrDefault(e => e.Provider.Preset.WireFormat == WireFormat.Anthropic);
            var counted = anthropic is null ? null
                : await AnthropicTokenCounter.TryCountAsync(anthropic, received.Memory, messages.ModelValue, logger, context.RequestAborted);
            var tokens = counted
                ?? (anthropic is null
                    ? estimator.EstimatePromptTokens(chat!.Span, GatewayOperation.ChatCompletions, model.Endpoints[0].UpstreamModel, model.Endpoints[0].Provider.Preset.WireFormat)
                    : estimator.EstimateMessagesPromptTokens(received.Memory, anthropic.UpstreamModel)).Tokens;
            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
            writer.WriteStartObject();
            writer.WriteNumber("input_tokens"u8, tokens);
            writer.WriteEndObject();
        }
    }
}
