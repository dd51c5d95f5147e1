namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Which folder a type lives in: its project (root namespace), then the first namespace segment below that root —
/// <c>Tollway.Gateway.Proxy.X</c> is in <c>Tollway.Gateway/Proxy</c>. A namespace nested deeper belongs to its parent
/// folder (<c>Tollway.Gateway.Catalog.Import</c> is <c>Tollway.Gateway/Catalog</c>): a sub-folder is part of its
/// parent's room, and a parent using its own sub-folder and back is no loop. A grouping folder, one that only groups
/// folders (say <c>Tollway.Gateway/Pipeline</c> holding <c>Wire</c> and <c>Stages</c>), makes each of its sub-folders
/// a folder of its own. Types of the root namespace, and a top-level program in the global namespace, are in the
/// project's root folder (<c>Tollway</c>). Types in any other namespace, and the compiler's own top-level types
/// (<c>&lt;PrivateImplementationDetails&gt;</c>, anonymous types), are generated code and in no folder: the check
/// leaves them out.
/// </summary>
public sealed class FolderMap(IEnumerable<SourceAssembly> assemblies, IEnumerable<string> groupingFolders)
{
    private readonly Dictionary<string, string> _rootByAssembly =
        assemblies.ToDictionary(assembly => assembly.AssemblyName, assembly => assembly.RootNamespace);

    private readonly HashSet<string> _groupingFolders = [.. groupingFolders];

    /// <summary>The folder of a top-level type, or null when the type is not one of the checked assemblies' own.</summary>
    public string? FolderOf(string assemblyName, string @namespace, string typeName)
    {
        if (!_rootByAssembly.TryGetValue(assemblyName, out var root))
        {
            return null;
        }

        if (@namespace.Length == 0)
        {
            return typeName.StartsWith('<') ? null : root;
        }

        if (@namespace == root)
        {
            return root;
        }

        return @namespace.StartsWith(root + ".", StringComparison.Ordinal)
            ? FolderBelow(root, @namespace[(root.Length + 1)..].Split('.'))
            : null;
    }

    private string FolderBelow(string root, string[] segments)
    {
        var folder = root + "/" + segments[0];
        for (var depth = 1; depth < segments.Length && _groupingFolders.Contains(folder); depth++)
        {
            folder += "/" + segments[depth];
        }

        return folder;
    }
}
