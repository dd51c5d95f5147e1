using Tollway.Gateway.Errors;
using Tollway.Gateway.Pipeline.Overload;
using Tollway.Gateway.Pipeline.Stages;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Api.Messages;

/// <summary>Anthropic's Messages API under <c>/v1</c>, so Anthropic SDKs and the tools built on them work through the
/// gateway with its key (<c>x-api-key: tw-…</c>, or a Bearer token).</summary>
public static class MessagesEndpoints
{
    /// <summary>Maps <c>POST /v1/messages</c> and <c>POST /v1/messages/count_tokens</c>, both behind the node's limit of
    /// requests in flight (see <see cref="LoadShedder"/>).</summary>
    public static IEndpointRouteBuilder MapMessagesEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1").WithTags("Anthropic");
        v1.MapProxied("/messages", GatewayOperation.ChatCompletions, WireFormat.Anthropic, "Messages");
        // The request log does not record token counts, so a refused one is only answered.
        v1.MapPost("/messages/count_tokens", (HttpContext context, CountTokensHandler handler) => handler.HandleAsync(context))
            .ShedLoad((context, refusal) => ClientErrors.WriteAsync(context, refusal, WireFormat.Anthropic))
            .WithName("CountTokens");
        return endpoints;
    }
}
