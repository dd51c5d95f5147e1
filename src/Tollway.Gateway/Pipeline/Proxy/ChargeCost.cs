using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>The part of a charge that its response reports, so that the writers below the ledger need not know it.</summary>
internal static class ChargeCost
{
    public static UsageCost Of(ChargeRecord charge) => new(charge.ProviderCost, charge.Markup, charge.Estimated);
}
