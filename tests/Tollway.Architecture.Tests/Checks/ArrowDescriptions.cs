using Tollway.Architecture.Tests.Graph;

namespace Tollway.Architecture.Tests.Checks;

/// <summary>Arrows written for a failure message: each with a few of the type references that make it.</summary>
internal static class ArrowDescriptions
{
    private const int EdgesShown = 3;
    private const int ArrowsShown = 12;

    public static string Of(FolderGraph graph, Arrow arrow)
    {
        var edges = graph.EdgesOf(arrow);
        var more = edges.Count > EdgesShown ? $" (and {edges.Count - EdgesShown} more)" : "";
        return $"{arrow}: {string.Join("; ", edges.Take(EdgesShown))}{more}";
    }

    public static string Of(FolderGraph graph, IEnumerable<Arrow> arrows)
    {
        var all = arrows.ToList();
        var lines = all.Take(ArrowsShown).Select(arrow => "    " + Of(graph, arrow)).ToList();
        if (all.Count > ArrowsShown)
        {
            lines.Add($"    (and {all.Count - ArrowsShown} more arrows)");
        }

        return string.Join("\n", lines);
    }
}
