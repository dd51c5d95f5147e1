using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Rules;

/// <summary>A rule as data: no folder matching <see cref="From"/> may use a folder matching <see cref="To"/>.</summary>
public sealed record ForbiddenArrow(string From, string To, string Why)
{
    /// <summary>One rule per pair of patterns: each of <paramref name="from"/> ↛ each of <paramref name="to"/>.</summary>
    public static IEnumerable<ForbiddenArrow> Each(string[] from, string[] to, string why) =>
        from.SelectMany(source => to.Select(target => new ForbiddenArrow(source, target, why)));

    public bool Forbids(Arrow arrow) => FolderPattern.Matches(From, arrow.From) && FolderPattern.Matches(To, arrow.To);

    public override string ToString() => $"{From} ↛ {To} ({Why})";
}
