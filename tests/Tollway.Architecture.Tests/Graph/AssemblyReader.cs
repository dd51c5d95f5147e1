using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Reads one compiled assembly's metadata and IL with System.Reflection.Metadata — nothing is loaded or run — and lists,
/// for every type it defines, the checked types of other folders that type references. A nested or compiler-generated
/// type's references are its outermost declaring type's.
/// </summary>
internal static class AssemblyReader
{
    public static IReadOnlyList<TypeEdge> EdgesOf(string path, FolderMap folders)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var names = new TypeNames(reader, reader.GetString(reader.GetAssemblyDefinition().Name), folders);
        var edges = new List<TypeEdge>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (names.OfDefinition(handle) is not { } from)
            {
                continue;
            }

            var found = new HashSet<CodeType>();
            new TypeScanner(pe, names, found).Scan(handle);
            edges.AddRange(found.Where(to => to.Folder != from.Folder).Select(to => new TypeEdge(from, to)));
        }

        return edges;
    }
}
