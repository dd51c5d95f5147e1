using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// This process's name in the lease table. New at every start: a restarted node does not inherit a dead one's
/// leases, which expire on their own and return their money.
/// </summary>
public sealed class NodeIdentity
{
    /// <summary>The node id, <c>node_…</c>.</summary>
    public string Id { get; } = RandomIds.New("node_", 12);
}
