namespace Tollway.Chain.Chains;

/// <summary>The EVM chains stablecoins are accepted on, under <c>Chains</c>, by the operator's name for each
/// (<c>base</c>, <c>local</c>; any case).</summary>
public sealed class ChainsOptions : Dictionary<string, ChainOptions>
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Chains";

    /// <summary>No chain yet.</summary>
    public ChainsOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
