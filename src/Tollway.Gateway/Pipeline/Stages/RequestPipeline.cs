using System.Runtime.CompilerServices;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// The request path for <c>/v1/chat/completions</c>, <c>/v1/completions</c>, <c>/v1/embeddings</c> and
/// <c>/v1/messages</c>, as stages that each let the request go on or answer it: authenticate, read, inspect, resolve,
/// admit/hold, forward with attempts (which relays the answer and settles its charge), settle, log. Everything the
/// gateway refuses is refused before any upstream call, and every request leaves one row in the request log.
/// </summary>
internal sealed class RequestPipeline(
    RequestLogStage log,
    AuthenticateStage authenticate,
    ReadStage read,
    ResolveStage resolve,
    AdmitStage admit,
    AttemptRunner forward)
{
    /// <param name="context">The request.</param>
    /// <param name="operation">What it asks for.</param>
    /// <param name="client">The API it speaks (see <see cref="GatewayRequest.Client"/>).</param>
    public async Task HandleAsync(HttpContext context, GatewayOperation operation, WireFormat client = WireFormat.OpenAi)
    {
        using var request = log.Start(context, operation, client);
        using var scope = log.BeginLogScope(request);
        try
        {
            var answer = await RunStagesAsync(request);
            if (!answer.Continues)
            {
                await AnswerWriter.WriteAsync(request, answer);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left while its body was read or its hold waited for the database: nothing was sent upstream,
            // and nobody is left to answer.
            request.Log.Status = 499;
            request.Log.ErrorCode = "client_closed_request";
        }
        finally
        {
            RequestSpans.Finish(request);
            log.Finish(request);
        }
    }

    /// <summary>
    /// Refuses a request before anything of it is read (the load shedder's 503), with its id and its request log row
    /// as every request has.
    /// </summary>
    public async Task RefuseAsync(HttpContext context, GatewayOperation operation, GatewayError error, WireFormat client)
    {
        using var request = log.Start(context, operation, client);
        using var scope = log.BeginLogScope(request);
        try
        {
            await AnswerWriter.FailAsync(request, error);
        }
        finally
        {
            RequestSpans.Finish(request);
            log.Finish(request);
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<StageResult> RunStagesAsync(GatewayRequest request)
    {
        var answer = authenticate.Run(request, offersPayment: true);
        answer = answer.Continues ? await read.RunAsync(request) : answer;
        answer = answer.Continues ? InspectStage.Run(request) : answer;
        answer = answer.Continues ? resolve.Run(request) : answer;
        answer = answer.Continues ? await admit.RunAsync(request) : answer;
        if (!answer.Continues)
        {
            return answer;
        }

        try
        {
            return await forward.RunAsync(request);
        }
        finally
        {
            SettleStage.Run(request);
        }
    }
}
