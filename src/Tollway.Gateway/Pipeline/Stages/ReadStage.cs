using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Pipeline.Proxy;
using Tollway.Gateway.Platform.Server;
using Tollway.Gateway.Upstream.Translation.Anthropic;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Read: the body, once, into one pooled buffer (refused past <c>server.maxRequestBodyBytes</c>, or when it comes too
/// slowly or malformed: see <see cref="RequestBodyReader"/>), and an Anthropic Messages request read as the equivalent
/// chat completion, from which it is routed, priced and held exactly as one.
/// </summary>
internal sealed class ReadStage(IOptions<ServerOptions> options)
{
    private readonly long _maxBodyBytes = options.Value.MaxRequestBodyBytes;

    /// <param name="request">The request.</param>
    /// <param name="countOnly">Whether the request only counts tokens: it takes no <c>max_tokens</c>, so none is required.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<StageResult> RunAsync(GatewayRequest request, bool countOnly = false)
    {
        var (received, error) = await RequestBodyReader.ReadAsync(request.Http.Request, _maxBodyBytes, request.Aborted);
        if (received is null)
        {
            // The rest of the body is never read, so the connection cannot carry another request: say so, rather than
            // let a client's pool reuse it and see its next request cut off.
            request.Http.Response.Headers.Connection = "close";
            return StageResult.Fail(error!);
        }

        request.Received = received;
        request.Log.RequestBytes = received.Length;
        if (request.Client != WireFormat.Anthropic)
        {
            return StageResult.Continue;
        }

        var messages = MessagesRequestReader.Read(received.Memory, requireMaxTokens: !countOnly);
        request.Messages = messages;
        return messages.Error is { } invalid ? StageResult.Fail(GatewayError.InvalidRequest(invalid, messages.Param)) : StageResult.Continue;
    }
}
