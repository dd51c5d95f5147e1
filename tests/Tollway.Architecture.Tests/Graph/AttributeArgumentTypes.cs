using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Decodes attribute arguments just far enough to find the <c>typeof(…)</c> among them (as serialized type names).
/// </summary>
internal sealed class AttributeArgumentTypes : ICustomAttributeTypeProvider<string>
{
    private const string SystemType = "System.Type";

    public static AttributeArgumentTypes Instance { get; } = new();

    /// <summary>The serialized names of the types an argument holds: one <c>typeof</c>, or an array of them.</summary>
    public static IEnumerable<string> TypeNamesIn(CustomAttributeTypedArgument<string> argument) => argument.Value switch
    {
        string name when argument.Type == SystemType => [name],
        ImmutableArray<CustomAttributeTypedArgument<string>> items => items.SelectMany(TypeNamesIn),
        _ => [],
    };

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetSystemType() => SystemType;

    public bool IsSystemType(string type) => type == SystemType;

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => "enum";

    // An attribute's parameter of a named type is either System.Type or an enum: the blob holds a name for the one and
    // a number for the other, so the decoder must tell them apart.
    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var type = reader.GetTypeReference(handle);
        return reader.StringComparer.Equals(type.Namespace, "System") && reader.StringComparer.Equals(type.Name, "Type")
            ? SystemType
            : "enum";
    }

    public string GetTypeFromSerializedName(string name) => name;

    // The blob does not say how wide an enum argument is, and finding out means opening the enum's own assembly.
    // Every enum that an attribute in src takes (LogLevel, JsonSerializerDefaults, RegexOptions, …) is an int.
    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;
}
