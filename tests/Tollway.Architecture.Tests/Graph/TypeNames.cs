using System.Reflection.Metadata;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Names the types one assembly's metadata points at — defined there, referenced from another assembly, or named in an
/// attribute's <c>typeof</c> — as the outermost type that declares them, in their folder.
/// </summary>
internal sealed class TypeNames(MetadataReader reader, string assemblyName, FolderMap folders)
{
    public CodeType? OfDefinition(TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = reader.GetTypeDefinition(type.GetDeclaringType());
        }

        return Named(assemblyName, reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    public CodeType? OfReference(TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        while (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            type = reader.GetTypeReference((TypeReferenceHandle)type.ResolutionScope);
        }

        var assembly = type.ResolutionScope.Kind == HandleKind.AssemblyReference
            ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name)
            : assemblyName;
        return Named(assembly, reader.GetString(type.Namespace), reader.GetString(type.Name));
    }

    /// <summary>
    /// A type as an attribute's blob names it: <c>Ns.Outer+Inner`1[[Arg, Asm]], Asm, Version=…</c>, without the
    /// assembly when it is this one. Generic arguments inside the brackets are not followed.
    /// </summary>
    public CodeType? OfSerializedName(string serialized)
    {
        var nameEnd = serialized.IndexOfAny(['[', ',']);
        var fullName = (nameEnd < 0 ? serialized : serialized[..nameEnd]).Split('+')[0];
        var comma = serialized.IndexOf(',', serialized.LastIndexOf(']') + 1);
        var assembly = comma < 0 ? assemblyName : serialized[(comma + 1)..].Split(',')[0].Trim();
        var lastDot = fullName.LastIndexOf('.');
        return lastDot < 0
            ? Named(assembly, "", fullName)
            : Named(assembly, fullName[..lastDot], fullName[(lastDot + 1)..]);
    }

    private CodeType? Named(string assembly, string @namespace, string name)
    {
        var folder = folders.FolderOf(assembly, @namespace, name);
        if (folder is null)
        {
            return null;
        }

        var arity = name.IndexOf('`', StringComparison.Ordinal);
        var simpleName = arity < 0 ? name : name[..arity];
        return new CodeType(folder, @namespace.Length == 0 ? simpleName : @namespace + "." + simpleName);
    }
}
