namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// The folder-to-folder arrows of the checked assemblies, each with the type references that make it, and the loops
/// they form.
/// </summary>
public sealed class FolderGraph
{
    private readonly Dictionary<Arrow, SortedSet<string>> _edgesByArrow = [];

    private FolderGraph(IEnumerable<TypeEdge> edges)
    {
        foreach (var edge in edges)
        {
            var arrow = new Arrow(edge.From.Folder, edge.To.Folder);
            if (!_edgesByArrow.TryGetValue(arrow, out var examples))
            {
                _edgesByArrow[arrow] = examples = new SortedSet<string>(StringComparer.Ordinal);
            }

            examples.Add(edge.ToString());
        }
    }

    /// <summary>The graph of the assemblies at these paths, their folders named by the map.</summary>
    public static FolderGraph Read(IEnumerable<string> assemblyPaths, FolderMap folders) =>
        new(assemblyPaths.SelectMany(path => AssemblyReader.EdgesOf(path, folders)));

    /// <summary>Every arrow, ordered by its folders' names.</summary>
    public IReadOnlyList<Arrow> Arrows =>
        [.. _edgesByArrow.Keys.OrderBy(arrow => arrow.From, StringComparer.Ordinal)
            .ThenBy(arrow => arrow.To, StringComparer.Ordinal)];

    /// <summary>The type references that make an arrow (<c>Type → Type</c>), in order; none for an absent arrow.</summary>
    public IReadOnlyList<string> EdgesOf(Arrow arrow) =>
        _edgesByArrow.TryGetValue(arrow, out var edges) ? [.. edges] : [];

    /// <summary>The loops: the groups of two or more folders in which each reaches every other.</summary>
    public IReadOnlyList<IReadOnlySet<string>> Loops()
    {
        var successors = Arrows.GroupBy(arrow => arrow.From)
            .ToDictionary(from => from.Key, from => (IReadOnlyList<string>)from.Select(arrow => arrow.To).ToList());
        return [.. StronglyConnected.Components(successors).Where(component => component.Count > 1)];
    }
}
