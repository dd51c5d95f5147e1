using System.Globalization;

namespace Tollway.Chain.Chains;

/// <summary>
/// When a deposit counts: once <see cref="Depth"/> blocks stand on top of its block (its own block counts as one,
/// so depth 1 is "mined"), or once the node reports its block as finalized.
/// </summary>
public readonly record struct ChainConfirmation(int Depth, bool Finalized)
{
    /// <summary>The config word for the finalized tag.</summary>
    public const string FinalizedWord = "finalized";

    /// <summary>Parses <c>"12"</c> (a positive depth) or <c>"finalized"</c>.</summary>
    public static bool TryParse(string? text, out ChainConfirmation confirmation)
    {
        confirmation = default;
        if (string.Equals(text?.Trim(), FinalizedWord, StringComparison.OrdinalIgnoreCase))
        {
            confirmation = new ChainConfirmation(0, Finalized: true);
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var depth) && depth > 0)
        {
            confirmation = new ChainConfirmation(depth, Finalized: false);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Finalized ? FinalizedWord : Depth.ToString(CultureInfo.InvariantCulture);
}
