using Tollway.Gateway.Catalog.Models;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Pipeline.Proxy;

namespace Tollway.Gateway.Pipeline.Stages;

/// <summary>
/// Resolve: the model the request names, and the endpoints it may go to in order (<see cref="RoutePlanner"/>): its
/// fallbacks, its provider preferences, what the key allows. A request no endpoint can serve is refused here.
/// </summary>
internal sealed class ResolveStage(RoutePlanner planner, CatalogState catalog)
{
    public StageResult Run(GatewayRequest request)
    {
        var (plan, refusal) = planner.Plan(request.Inspected!, request.Body.Span, request.Key.Key, request.Operation);
        if (plan is not { } planned)
        {
            return StageResult.Fail(refusal!);
        }

        request.Plan = planned;
        RequestSpans.Resolved(request);
        return StageResult.Continue;
    }

    /// <summary>The chat model an Anthropic request names, for a token count: it is found and allowed, or refused as a
    /// generation naming it would be; nothing is planned, since nothing is sent for a generation.</summary>
    public StageResult FindChatModel(GatewayRequest request, out CatalogModel? model)
    {
        var id = request.Messages!.Model ?? "";
        if (!catalog.Current.TryFind(id, out model) || model.Kind != ModelKind.Chat)
        {
            return StageResult.Fail(GatewayError.ModelNotFound(id));
        }

        return request.Key.Key.Allows(model.Id) ? StageResult.Continue : StageResult.Fail(GatewayError.ModelNotAllowed(model.Id));
    }
}
