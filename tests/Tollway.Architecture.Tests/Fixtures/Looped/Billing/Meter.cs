namespace Tollway.Fixtures.Looped.Billing;

/// <summary>
/// Billing → Proxy only inside a method body, by a fully qualified name: no <c>using</c> line and no signature shows
/// it, so this closes the loop Billing ⇄ Proxy only for a check that reads the IL.
/// </summary>
public sealed class Meter
{
    public int Tokens { get; init; }

    public int Size() => Tollway.Fixtures.Looped.Proxy.Wire.Frame(Tokens);
}
