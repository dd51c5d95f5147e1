namespace Tollway.Gateway.Proxy;

/// <summary>Splices insertions into a JSON document in one copy, whatever their number.</summary>
internal static class JsonInsertions
{
    public static byte[] Apply(ReadOnlySpan<byte> json, params ReadOnlySpan<JsonInsertion> insertions)
    {
        var sorted = insertions.ToArray();
        Array.Sort(sorted, static (a, b) => a.Offset.CompareTo(b.Offset));
        var length = json.Length;
        foreach (var insertion in sorted)
        {
            length += insertion.Bytes.Length;
        }

        var result = new byte[length];
        var read = 0;
        var written = 0;
        foreach (var insertion in sorted)
        {
            json[read..insertion.Offset].CopyTo(result.AsSpan(written));
            written += insertion.Offset - read;
            insertion.Bytes.CopyTo(result.AsSpan(written));
            written += insertion.Bytes.Length;
            read = insertion.Offset;
        }

        json[read..].CopyTo(result.AsSpan(written));
        return result;
    }
}
