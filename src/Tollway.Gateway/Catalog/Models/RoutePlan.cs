namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// The endpoints a request may be sent to, in the order routing chose: the model it names first, then the fallbacks of
/// its <c>models</c> list. Never empty: a request no endpoint can serve is refused instead of planned. Billing prices
/// every step, x402 quotes the dearest, and the attempts walk them in order.
/// </summary>
/// <remarks>A struct over the planner's own list, so naming the plan costs a request nothing.</remarks>
internal readonly struct RoutePlan(IReadOnlyList<PlannedEndpoint> steps)
{
    public int Count => steps.Count;

    /// <summary>Whether this is a plan (a request the planner refused, or never reached, has the default one).</summary>
    public bool IsPlanned => steps is not null;

    public PlannedEndpoint this[int index] => steps[index];

    /// <summary>The model the request named (or the first auto model): the one errors about the whole plan name.</summary>
    public CatalogModel FirstModel => steps[0].Model;
}
