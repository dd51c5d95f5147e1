using System.Globalization;
using System.Text;
using System.Text.Json;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Upstream.Translation;

/// <summary>A body with its <c>model</c> value replaced by the provider's id — and, when given, its <c>max_tokens</c> value
/// by a lower one — and every other byte kept.</summary>
internal static class ModelSplice
{
    public static PooledBuffer Apply(ReadOnlySpan<byte> body, Range modelValue, string upstreamModel, (Range Value, int Tokens)? maxTokens = null)
    {
        var edits = new List<(Range Range, byte[] Bytes)>(2) { (modelValue, JsonSerializer.SerializeToUtf8Bytes(upstreamModel, WireJsonContext.Default.String)) };
        if (maxTokens is { } lowered)
        {
            edits.Add((lowered.Value, Encoding.UTF8.GetBytes(lowered.Tokens.ToString(CultureInfo.InvariantCulture))));
            edits.Sort(static (a, b) => a.Range.Start.Value.CompareTo(b.Range.Start.Value));
        }

        var output = new PooledBuffer(body.Length + edits[0].Bytes.Length + 16);
        var position = 0;
        foreach (var (range, bytes) in edits)
        {
            var (offset, length) = range.GetOffsetAndLength(body.Length);
            output.Write(body[position..offset]);
            output.Write(bytes);
            position = offset + length;
        }

        output.Write(body[position..]);
        return output;
    }
}
