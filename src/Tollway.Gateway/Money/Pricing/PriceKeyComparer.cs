namespace Tollway.Gateway.Money.Pricing;

/// <summary>
/// Compares the price book's endpoint keys: model ids ordinally, as the catalog does; provider names ignoring case, as
/// configuration keys do. Comparing rather than upper-casing the name spares every quote a string copy.
/// </summary>
internal sealed class PriceKeyComparer : IEqualityComparer<(string Model, string Provider)>
{
    public static readonly PriceKeyComparer Instance = new();

    public bool Equals((string Model, string Provider) x, (string Model, string Provider) y) =>
        string.Equals(x.Model, y.Model, StringComparison.Ordinal) && string.Equals(x.Provider, y.Provider, StringComparison.OrdinalIgnoreCase);

    public int GetHashCode((string Model, string Provider) obj) =>
        HashCode.Combine(StringComparer.Ordinal.GetHashCode(obj.Model), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Provider));
}
