namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// Compares the price book's markup keys: a provider's name ignoring case, as configuration keys do; accounts and models
/// ordinally. Comparing rather than upper-casing the name spares every quote a string copy.
/// </summary>
internal sealed class MarkupKeyComparer : IEqualityComparer<(MarkupScope Scope, string Subject)>
{
    public static readonly MarkupKeyComparer Instance = new();

    public bool Equals((MarkupScope Scope, string Subject) x, (MarkupScope Scope, string Subject) y) =>
        x.Scope == y.Scope && string.Equals(x.Subject, y.Subject, Comparison(x.Scope));

    public int GetHashCode((MarkupScope Scope, string Subject) obj) =>
        HashCode.Combine(obj.Scope, StringComparer.FromComparison(Comparison(obj.Scope)).GetHashCode(obj.Subject));

    private static StringComparison Comparison(MarkupScope scope) =>
        scope == MarkupScope.Provider ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
