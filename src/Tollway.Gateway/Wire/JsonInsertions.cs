using System.Buffers;
using System.Runtime.InteropServices;

namespace Tollway.Gateway.Wire;

/// <summary>Splices insertions into a JSON document in one copy, whatever their number.</summary>
internal static class JsonInsertions
{
    public static byte[] Apply(ReadOnlySpan<byte> json, params ReadOnlySpan<JsonInsertion> insertions)
    {
        // Sized exactly, so the writer's own array is the result.
        var result = new ArrayBufferWriter<byte>(Math.Max(LengthWith(json, insertions), 1));
        WriteTo(result, json, insertions);
        return MemoryMarshal.TryGetArray(result.WrittenMemory, out var written) && written.Count == written.Array!.Length
            ? written.Array
            : result.WrittenSpan.ToArray();
    }

    /// <summary>The document's length once the insertions are made.</summary>
    public static int LengthWith(ReadOnlySpan<byte> json, ReadOnlySpan<JsonInsertion> insertions)
    {
        var length = json.Length;
        foreach (var insertion in insertions)
        {
            length += insertion.Bytes.Length;
        }

        return length;
    }

    /// <summary>
    /// Writes the document with the insertions made straight into <paramref name="destination"/> (a response's pipe):
    /// no spliced copy of the whole body is built first.
    /// </summary>
    public static void WriteTo(IBufferWriter<byte> destination, ReadOnlySpan<byte> json, ReadOnlySpan<JsonInsertion> insertions)
    {
        var read = 0;
        foreach (var insertion in InOffsetOrder(insertions))
        {
            destination.Write(json[read..insertion.Offset]);
            destination.Write(insertion.Bytes);
            read = insertion.Offset;
        }

        destination.Write(json[read..]);
    }

    /// <summary>The insertions by offset; the callers' few are usually in order already, and then nothing is copied.</summary>
    private static ReadOnlySpan<JsonInsertion> InOffsetOrder(ReadOnlySpan<JsonInsertion> insertions)
    {
        for (var i = 1; i < insertions.Length; i++)
        {
            if (insertions[i].Offset < insertions[i - 1].Offset)
            {
                var sorted = insertions.ToArray();
                Array.Sort(sorted, static (a, b) => a.Offset.CompareTo(b.Offset));
                return sorted;
            }
        }

        return insertions;
    }
}
