using Tollway.Gateway.Errors;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Inspect: the body's members the gateway acts on, checked and read in one pass (<see cref="RequestInspector"/>), into
/// the request's final, immutable state — an Anthropic request's own body, model and output limit and what it asks for
/// included (<see cref="RequestOrigin"/>). A request that cannot be billed is refused here, before anything is planned.
/// </summary>
internal static class InspectStage
{
    public static StageResult Run(GatewayRequest request)
    {
        var messages = request.Messages;
        var origin = messages is null ? RequestOrigin.OpenAi : RequestOrigin.Anthropic(messages, request.Received!.Memory);
        var inspection = RequestInspector.Inspect(request.Body.Span, request.Operation, origin);
        if (inspection.Request is not { } inspected)
        {
            return StageResult.Fail(GatewayError.InvalidRequest(inspection.Error!, inspection.Param, inspection.Code));
        }

        if (messages is { FeatureRefusal: { } unbillable })
        {
            return StageResult.Fail(unbillable);
        }

        request.Inspected = inspected;
        request.Log.Model = inspected.Model;
        request.Log.Stream = inspected.Stream;
        return StageResult.Continue;
    }
}
