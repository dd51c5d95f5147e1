using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests;

/// <summary>The measured graph for the test output: how many folders and arrows, the loops, and every arrow.</summary>
internal static class GraphSummary
{
    public static string Of(FolderGraph graph)
    {
        var arrows = graph.Arrows;
        var folders = arrows.Select(arrow => arrow.From).Concat(arrows.Select(arrow => arrow.To)).Distinct().Count();
        var loops = graph.Loops().Select(loop =>
            $"loop of {loop.Count} folders, {arrows.Count(arrow => loop.Contains(arrow.From) && loop.Contains(arrow.To))} "
            + $"arrows inside: {string.Join(" ⇄ ", loop)}");
        var lines = arrows.Select(arrow => $"  {arrow} ({graph.EdgesOf(arrow).Count} type references)");
        return string.Join("\n", [$"{folders} folders, {arrows.Count} folder-to-folder arrows", .. loops, .. lines]);
    }
}
