using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Decodes signatures — of fields, methods, properties, locals, type specifications, generic instantiations — and
/// records every checked type they mention, generic arguments included. What a decode returns is only the outer type,
/// which nothing needs: the types found are what counts.
/// </summary>
internal sealed class SignatureTypes(TypeNames names, ISet<CodeType> found) : ISignatureTypeProvider<CodeType?, object?>
{
    public CodeType? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        Found(names.OfDefinition(handle));

    public CodeType? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        Found(names.OfReference(handle));

    public CodeType? GetTypeFromSpecification(
        MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public CodeType? GetGenericInstantiation(CodeType? genericType, ImmutableArray<CodeType?> typeArguments) =>
        genericType;

    public CodeType? GetSZArrayType(CodeType? elementType) => elementType;

    public CodeType? GetArrayType(CodeType? elementType, ArrayShape shape) => elementType;

    public CodeType? GetByReferenceType(CodeType? elementType) => elementType;

    public CodeType? GetPointerType(CodeType? elementType) => elementType;

    public CodeType? GetPinnedType(CodeType? elementType) => elementType;

    public CodeType? GetModifiedType(CodeType? modifier, CodeType? unmodifiedType, bool isRequired) => unmodifiedType;

    public CodeType? GetFunctionPointerType(MethodSignature<CodeType?> signature) => null;

    public CodeType? GetGenericMethodParameter(object? genericContext, int index) => null;

    public CodeType? GetGenericTypeParameter(object? genericContext, int index) => null;

    public CodeType? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

    private CodeType? Found(CodeType? type)
    {
        if (type is not null)
        {
            found.Add(type);
        }

        return type;
    }
}
