using System.Buffers;
using System.Text.Json;

namespace Tollway.Gateway.Proxy;

/// <summary>
/// Produces the body sent upstream. When nothing needs to change — the common case — it is the client's bytes as
/// they came. Otherwise only the affected values are spliced: the model id (a public name mapped to the provider's
/// id) and <c>stream_options</c> (usage always asked for on streams, so the request can be accounted for).
/// </summary>
internal static class UpstreamBodyWriter
{
    private static ReadOnlySpan<byte> IncludeUsageObject => "{\"include_usage\":true}"u8;

    public static bool NeedsRewrite(InspectedRequest request, string upstreamModel, bool askForStreamUsage) =>
        !string.Equals(request.Model, upstreamModel, StringComparison.Ordinal)
        || (askForStreamUsage && request.Stream && !request.ClientWantsStreamUsage)
        || request.HasGatewayOnlyMembers;

    public static PooledBuffer Rewrite(ReadOnlySpan<byte> body, InspectedRequest request, string upstreamModel, bool askForStreamUsage)
    {
        var output = new PooledBuffer(body.Length + 64);
        var position = 0;
        var edits = new List<(Range Range, byte[] Replacement)>(2);
        if (!string.Equals(request.Model, upstreamModel, StringComparison.Ordinal))
        {
            edits.Add((request.ModelValue, JsonSerializer.SerializeToUtf8Bytes(upstreamModel, ProxyJsonContext.Default.String)));
        }

        // OpenRouter's routing members are the gateway's business; a provider would refuse them as unknown.
        var claimedComma = -1;
        foreach (var member in new[] { request.ModelsMember, request.ProviderMember }.OfType<Range>().OrderBy(r => r.Start.Value))
        {
            var (removal, comma) = WithOneComma(body, member, claimedComma);
            claimedComma = comma;
            edits.Add((removal, []));
        }

        var addUsage = askForStreamUsage && request.Stream && !request.ClientWantsStreamUsage;
        if (addUsage && request.StreamOptionsValue is { } existing)
        {
            edits.Add((existing, WithIncludeUsage(body[existing])));
        }

        edits.Sort((a, b) => a.Range.Start.Value.CompareTo(b.Range.Start.Value));
        foreach (var (range, replacement) in edits)
        {
            // Two removed neighbours may both claim the comma between them; the second starts where the first ended.
            var start = Math.Max(range.Start.Value, position);
            output.Write(body[position..start]);
            output.Write(replacement);
            position = Math.Max(range.End.Value, position);
        }

        if (addUsage && request.StreamOptionsValue is null)
        {
            output.Write(body[position..request.RootEnd]);
            output.Write(HasMembers(body, request.RootEnd) ? ",\"stream_options\":"u8 : "\"stream_options\":"u8);
            output.Write(IncludeUsageObject);
            position = request.RootEnd;
        }

        output.Write(body[position..]);
        return output;
    }

    /// <summary>
    /// A member's range widened to take one separating comma with it — the one before it, else the one after — never a
    /// comma an earlier removal already took. Returns the range and the comma's offset.
    /// </summary>
    private static (Range Removal, int Comma) WithOneComma(ReadOnlySpan<byte> body, Range member, int claimedComma)
    {
        var before = member.Start.Value - 1;
        while (before >= 0 && IsWhitespace(body[before]))
        {
            before--;
        }

        if (before >= 0 && body[before] == (byte)',' && before != claimedComma)
        {
            return (before..member.End.Value, before);
        }

        var after = member.End.Value;
        while (after < body.Length && IsWhitespace(body[after]))
        {
            after++;
        }

        return after < body.Length && body[after] == (byte)','
            ? (member.Start.Value..(after + 1), after)
            : (member, -1);
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>The client's <c>stream_options</c> object with <c>include_usage</c> set, other members kept.</summary>
    private static byte[] WithIncludeUsage(ReadOnlySpan<byte> streamOptions)
    {
        var buffer = new ArrayBufferWriter<byte>(streamOptions.Length + 24);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var reader = new Utf8JsonReader(streamOptions);
            if (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
                    var name = reader.GetString()!;
                    reader.Read();
                    var valueStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    if (!isIncludeUsage)
                    {
                        writer.WritePropertyName(name);
                        writer.WriteRawValue(streamOptions[valueStart..ValueEnd(ref reader, streamOptions)], skipInputValidation: true);
                    }
                }
            }

            writer.WriteBoolean("include_usage", true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static int ValueEnd(ref Utf8JsonReader reader, ReadOnlySpan<byte> json) => reader.TokenType switch
    {
        JsonTokenType.EndObject or JsonTokenType.EndArray => (int)reader.TokenStartIndex + 1,
        JsonTokenType.String => (int)reader.TokenStartIndex + reader.ValueSpan.Length + 2,
        _ => Math.Min(json.Length, (int)reader.TokenStartIndex + reader.ValueSpan.Length),
    };

    private static bool HasMembers(ReadOnlySpan<byte> body, int rootEnd)
    {
        var inside = body[..rootEnd].TrimEnd(" \t\r\n"u8);
        return inside.Length > 0 && inside[^1] != (byte)'{';
    }
}
