namespace Tollway.Fixtures.Looped.Proxy;

/// <summary>Proxy → Billing through a property's type: the arrow anyone reading the signatures sees.</summary>
public sealed class Request
{
    public Billing.Meter Meter { get; } = new();
}
