namespace Tollway.Architecture.Tests.Graph;

/// <summary>A folder that uses another: at least one of its types references one of the other's.</summary>
public readonly record struct Arrow(string From, string To)
{
    public override string ToString() => $"{From} → {To}";
}
