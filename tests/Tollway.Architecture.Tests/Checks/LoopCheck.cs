using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>
/// Compares the loops of a graph with the known loops: a new loop, a known loop that grew (gained a folder, or merged
/// with another) and a known loop that changed or no longer exists are all failures, so the list stays exactly true.
/// </summary>
internal static class LoopCheck
{
    private const string ListName = "KnownViolations.Loops";

    public static IEnumerable<string> Failures(FolderGraph graph, IReadOnlyList<IReadOnlySet<string>> knownLoops)
    {
        var loops = graph.Loops();
        foreach (var loop in loops)
        {
            var known = knownLoops.Where(entry => entry.Overlaps(loop)).ToList();
            if (FailureOf(graph, loop, known) is { } failure)
            {
                yield return failure;
            }
        }

        foreach (var entry in knownLoops.Where(entry => !loops.Any(loop => loop.Overlaps(entry))))
        {
            yield return $"The known loop {Name(entry)} no longer exists: delete its entry in {ListName}.";
        }
    }

    private static string? FailureOf(
        FolderGraph graph, IReadOnlySet<string> loop, List<IReadOnlySet<string>> known)
    {
        if (known.Count == 0)
        {
            return $"A new folder loop: {Name(loop)}. Its arrows, with the type references that make them:\n"
                + ArrowDescriptions.Of(graph, ArrowsWithin(graph, loop));
        }

        if (known.Count > 1 || loop.Except(known[0]).Any())
        {
            // The arrows no known loop explains: those reaching a folder that joined, or joining two known loops.
            var pulledIn = ArrowsWithin(graph, loop)
                .Where(arrow => !known.Any(entry => entry.Contains(arrow.From) && entry.Contains(arrow.To)));
            return $"The known loop {string.Join(" and ", known.Select(Name))} grew into {Name(loop)}. "
                + "The arrows that pulled it together:\n" + ArrowDescriptions.Of(graph, pulledIn);
        }

        return known[0].SetEquals(loop)
            ? null
            : $"The known loop {Name(known[0])} is now {Name(loop)}: "
                + $"{string.Join(", ", known[0].Except(loop))} left it. Write its entry in {ListName} as it is now.";
    }

    private static IEnumerable<Arrow> ArrowsWithin(FolderGraph graph, IReadOnlySet<string> loop) =>
        graph.Arrows.Where(arrow => loop.Contains(arrow.From) && loop.Contains(arrow.To));

    private static string Name(IEnumerable<string> loop) => string.Join(" ⇄ ", loop.Order(StringComparer.Ordinal));
}
