namespace Tollway.Chain.Rpc;

/// <summary>
/// How many blocks the next <c>eth_getLogs</c> asks for: the configured most at first, halved below the span a node
/// refused as too large (too many blocks or results, an answer too big: a burst of spam transfers does that), and
/// doubled again after <see cref="GrowAfter"/> ranges in a row were answered, up to the configured most. Not thread-safe:
/// one per scanning loop.
/// </summary>
public sealed class AdaptiveBlockRange(int max)
{
    /// <summary>Answered ranges in a row after which the range doubles.</summary>
    public const int GrowAfter = 4;

    private readonly int _max = max;
    private int _answered;

    /// <summary>The blocks the next query spans at most.</summary>
    public int Size { get; private set; } = max;

    /// <summary>A query of <paramref name="span"/> blocks was refused as too large: the range drops to half of it.
    /// Returns <see langword="false"/> when the span was one block already, so nothing smaller can be asked.</summary>
    public bool Shrink(long span)
    {
        _answered = 0;
        if (span <= 1)
        {
            return false;
        }

        Size = (int)Math.Max(1, Math.Min(Size, span) / 2);
        return true;
    }

    /// <summary>A query was answered: after enough of them in a row the range doubles.</summary>
    public void Answered()
    {
        if (++_answered < GrowAfter || Size >= _max)
        {
            return;
        }

        _answered = 0;
        Size = (int)Math.Min((long)Size * 2, _max);
    }
}
