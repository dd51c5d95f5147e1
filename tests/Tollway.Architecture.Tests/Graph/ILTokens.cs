using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Tollway.Architecture.Tests.Graph;

/// <summary>
/// Walks a method body's IL and lists the metadata its instructions name: the types, methods and fields called,
/// created, cast to or loaded (<c>typeof</c> is <c>ldtoken</c>), and the signatures of indirect calls.
/// </summary>
internal static class ILTokens
{
    // Operand kinds from the framework's own opcode table (read from System.Reflection.Emit, not from a checked assembly).
    private static readonly Dictionary<ushort, OperandType> OperandTypes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!)
        .ToDictionary(opCode => (ushort)opCode.Value, opCode => opCode.OperandType);

    public static IReadOnlyList<EntityHandle> In(MethodBodyBlock body)
    {
        var tokens = new List<EntityHandle>();
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            ushort code = il.ReadByte();
            if (code == 0xFE)
            {
                code = (ushort)(0xFE00 | il.ReadByte());
            }

            var operand = OperandTypes[code];
            if (operand is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineSig
                or OperandType.InlineTok or OperandType.InlineType)
            {
                tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
            }
            else if (operand == OperandType.InlineSwitch)
            {
                var targets = il.ReadInt32();
                il.Offset += 4 * targets;
            }
            else
            {
                il.Offset += SizeOf(operand);
            }
        }

        return tokens;
    }

    private static int SizeOf(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}
