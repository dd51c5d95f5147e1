using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Finds every checked type one type definition references: its base type and interfaces, the signatures of its
/// fields, methods, properties and events, its generic constraints, the attributes on all of them (with their
/// <c>typeof</c> arguments), and in each method body the locals, the caught exceptions and every type, method and field
/// an instruction names, with that member's declaring type and signature.
/// </summary>
internal sealed class TypeScanner
{
    private readonly PEReader _pe;
    private readonly MetadataReader _reader;
    private readonly TypeNames _names;
    private readonly ISet<CodeType> _found;
    private readonly SignatureTypes _signatures;

    public TypeScanner(PEReader pe, TypeNames names, ISet<CodeType> found)
    {
        _pe = pe;
        _reader = pe.GetMetadataReader();
        _names = names;
        _found = found;
        _signatures = new SignatureTypes(names, found);
    }

    public void Scan(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        Type(type.BaseType);
        foreach (var implementation in type.GetInterfaceImplementations())
        {
            var interfaceImplementation = _reader.GetInterfaceImplementation(implementation);
            Type(interfaceImplementation.Interface);
            Attributes(interfaceImplementation.GetCustomAttributes());
        }

        GenericParameters(type.GetGenericParameters());
        Attributes(type.GetCustomAttributes());
        Fields(type.GetFields());
        Properties(type.GetProperties());
        Events(type.GetEvents());
        foreach (var method in type.GetMethods())
        {
            Method(method);
        }

        foreach (var implementation in type.GetMethodImplementations())
        {
            Member(_reader.GetMethodImplementation(implementation).MethodDeclaration);
        }
    }

    private void Fields(FieldDefinitionHandleCollection fields)
    {
        foreach (var handle in fields)
        {
            var field = _reader.GetFieldDefinition(handle);
            field.DecodeSignature(_signatures, null);
            Attributes(field.GetCustomAttributes());
        }
    }

    private void Properties(PropertyDefinitionHandleCollection properties)
    {
        foreach (var handle in properties)
        {
            var property = _reader.GetPropertyDefinition(handle);
            property.DecodeSignature(_signatures, null);
            Attributes(property.GetCustomAttributes());
        }
    }

    private void Events(EventDefinitionHandleCollection events)
    {
        foreach (var handle in events)
        {
            var @event = _reader.GetEventDefinition(handle);
            Type(@event.Type);
            Attributes(@event.GetCustomAttributes());
        }
    }

    private void Method(MethodDefinitionHandle handle)
    {
        var method = _reader.GetMethodDefinition(handle);
        method.DecodeSignature(_signatures, null);
        Attributes(method.GetCustomAttributes());
        foreach (var parameter in method.GetParameters())
        {
            Attributes(_reader.GetParameter(parameter).GetCustomAttributes());
        }

        GenericParameters(method.GetGenericParameters());
        if (method.RelativeVirtualAddress != 0)
        {
            Body(_pe.GetMethodBody(method.RelativeVirtualAddress));
        }
    }

    private void Body(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_signatures, null);
        }

        foreach (var region in body.ExceptionRegions)
        {
            Type(region.CatchType);
        }

        foreach (var token in ILTokens.In(body))
        {
            Member(token);
        }
    }

    /// <summary>A type, or a member with its declaring type and every type of its signature.</summary>
    private void Member(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
                var method = _reader.GetMethodDefinition((MethodDefinitionHandle)handle);
                Type(method.GetDeclaringType());
                method.DecodeSignature(_signatures, null);
                break;
            case HandleKind.FieldDefinition:
                var field = _reader.GetFieldDefinition((FieldDefinitionHandle)handle);
                Type(field.GetDeclaringType());
                field.DecodeSignature(_signatures, null);
                break;
            case HandleKind.MemberReference:
                MemberReference(_reader.GetMemberReference((MemberReferenceHandle)handle));
                break;
            case HandleKind.MethodSpecification:
                var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                Member(specification.Method);
                specification.DecodeSignature(_signatures, null);
                break;
            case HandleKind.StandaloneSignature:
                var signature = _reader.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                {
                    signature.DecodeMethodSignature(_signatures, null);
                }

                break;
            default:
                Type(handle);
                break;
        }
    }

    private void MemberReference(MemberReference member)
    {
        Member(member.Parent);
        if (member.GetKind() == MemberReferenceKind.Method)
        {
            member.DecodeMethodSignature(_signatures, null);
        }
        else
        {
            member.DecodeFieldSignature(_signatures, null);
        }
    }

    private void Type(EntityHandle handle)
    {
        if (handle.IsNil)
        {
            return;
        }

        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition:
                _signatures.GetTypeFromDefinition(_reader, (TypeDefinitionHandle)handle, 0);
                break;
            case HandleKind.TypeReference:
                _signatures.GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0);
                break;
            case HandleKind.TypeSpecification:
                _signatures.GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0);
                break;
        }
    }

    private void GenericParameters(GenericParameterHandleCollection parameters)
    {
        foreach (var handle in parameters)
        {
            var parameter = _reader.GetGenericParameter(handle);
            Attributes(parameter.GetCustomAttributes());
            foreach (var constraint in parameter.GetConstraints())
            {
                var genericConstraint = _reader.GetGenericParameterConstraint(constraint);
                Type(genericConstraint.Type);
                Attributes(genericConstraint.GetCustomAttributes());
            }
        }
    }

    private void Attributes(CustomAttributeHandleCollection attributes)
    {
        foreach (var handle in attributes)
        {
            var attribute = _reader.GetCustomAttribute(handle);
            Member(attribute.Constructor);
            var value = attribute.DecodeValue(AttributeArgumentTypes.Instance);
            var arguments = value.FixedArguments.Concat(
                value.NamedArguments.Select(named => new CustomAttributeTypedArgument<string>(named.Type, named.Value)));
            foreach (var name in arguments.SelectMany(AttributeArgumentTypes.TypeNamesIn))
            {
                if (_names.OfSerializedName(name) is { } type)
                {
                    _found.Add(type);
                }
            }
        }
    }
}
