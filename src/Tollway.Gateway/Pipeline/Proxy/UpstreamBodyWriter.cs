using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tollway.Gateway.Upstream.Providers;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Produces the body sent upstream. When nothing needs to change — the common case for a client that names its output
/// limit — it is the client's bytes as they came. Otherwise only the affected values are spliced: the model id (a public
/// name mapped to the provider's id), <c>stream_options</c> (usage always asked for on streams, so the request can be
/// accounted for) and the output limit (<see cref="UpstreamOutputCap"/>: set where the client named none, lowered where
/// it named more than was held), so the provider can never generate more than the hold covers.
/// </summary>
internal static class UpstreamBodyWriter
{
    private static ReadOnlySpan<byte> IncludeUsageObject => "{\"include_usage\":true}"u8;

    public static bool NeedsRewrite(InspectedRequest request, string upstreamModel, bool askForStreamUsage, UpstreamOutputCap? cap = null) =>
        !string.Equals(request.Model, upstreamModel, StringComparison.Ordinal)
        || (askForStreamUsage && request.Stream && !request.ClientWantsStreamUsage)
        || request.HasGatewayOnlyMembers
        || (cap is { } limit && (AppendsOutputLimit(request, limit) || OutputLimitEdits(request, limit).Count > 0));

    public static PooledBuffer Rewrite(
        ReadOnlySpan<byte> body, InspectedRequest request, string upstreamModel, bool askForStreamUsage, UpstreamOutputCap? cap = null)
    {
        var addUsage = askForStreamUsage && request.Stream && !request.ClientWantsStreamUsage;
        var edits = Edits(body, request, upstreamModel, addUsage, cap);
        var output = new PooledBuffer(body.Length + 64);
        var position = 0;
        foreach (var (range, replacement) in edits)
        {
            // Two removed neighbours may both claim the comma between them; the second starts where the first ended.
            var start = Math.Max(range.Start.Value, position);
            output.Write(body[position..start]);
            output.Write(replacement);
            position = Math.Max(range.End.Value, position);
        }

        var appended = new List<byte[]>(2);
        if (addUsage && request.StreamOptionsValue is null)
        {
            appended.Add([.. "\"stream_options\":"u8, .. IncludeUsageObject]);
        }

        if (cap is { } added && AppendsOutputLimit(request, added))
        {
            appended.Add(OutputLimitMember(request, added));
        }

        if (appended.Count > 0)
        {
            output.Write(body[position..request.RootEnd]);
            WriteMembers(output, appended, HasMembers(body, request.RootEnd));
            position = request.RootEnd;
        }

        output.Write(body[position..]);
        return output;
    }

    /// <summary>The replacements in the body, in its order: the output limits lowered, the model id, OpenRouter's routing
    /// members removed, <c>include_usage</c> set in the client's <c>stream_options</c>.</summary>
    private static List<(Range Range, byte[] Replacement)> Edits(
        ReadOnlySpan<byte> body, InspectedRequest request, string upstreamModel, bool addUsage, UpstreamOutputCap? cap)
    {
        var edits = cap is { } limit ? OutputLimitEdits(request, limit) : new List<(Range Range, byte[] Replacement)>(2);
        if (!string.Equals(request.Model, upstreamModel, StringComparison.Ordinal))
        {
            edits.Add((request.ModelValue, JsonSerializer.SerializeToUtf8Bytes(upstreamModel, WireJsonContext.Default.String)));
        }

        // OpenRouter's routing members are the gateway's business; a provider would refuse them as unknown.
        var claimedComma = -1;
        foreach (var member in new[] { request.ModelsMember, request.ProviderMember }.OfType<Range>().OrderBy(r => r.Start.Value))
        {
            var (removal, comma) = WithOneComma(body, member, claimedComma);
            claimedComma = comma;
            edits.Add((removal, []));
        }

        if (addUsage && request.StreamOptionsValue is { } existing)
        {
            edits.Add((existing, WithIncludeUsage(body[existing])));
        }

        edits.Sort((a, b) => a.Range.Start.Value.CompareTo(b.Range.Start.Value));
        return edits;
    }

    /// <summary>Writes members at the end of the root object, each after a comma where a member comes before it.</summary>
    private static void WriteMembers(PooledBuffer output, List<byte[]> members, bool hasMembers)
    {
        foreach (var member in members)
        {
            if (hasMembers)
            {
                output.Write(","u8);
            }

            output.Write(member);
            hasMembers = true;
        }
    }

    /// <summary>
    /// The replacements that bound the output at <paramref name="cap"/>: every limit the client set above it is lowered
    /// to it, and the cap's own member, when null and nothing else bounds the output, is set (<see cref="SetLimit"/>).
    /// </summary>
    private static List<(Range Range, byte[] Replacement)> OutputLimitEdits(InspectedRequest request, UpstreamOutputCap cap)
    {
        var edits = new List<(Range Range, byte[] Replacement)>(2);
        var bounded = IsBounded(request, cap);
        foreach (var (member, value) in new[] { (ProviderPreset.MaxTokens, request.MaxTokensValue), (ProviderPreset.MaxCompletionTokens, request.MaxCompletionTokensValue) })
        {
            if (value is { } given && (given.Tokens > cap.Tokens || (given.Tokens is null && !bounded && member == cap.Member)))
            {
                var tokens = given.Tokens is null ? SetLimit(request, cap) : cap.Tokens;
                edits.Add((given.Value, Encoding.UTF8.GetBytes(tokens.ToString(CultureInfo.InvariantCulture))));
            }
        }

        return edits;
    }

    /// <summary>Whether the cap's member must be added: nothing bounds the output and the body has no such member.</summary>
    private static bool AppendsOutputLimit(InspectedRequest request, UpstreamOutputCap cap) =>
        !IsBounded(request, cap) && CapMemberValue(request, cap) is null;

    /// <summary>
    /// Whether the body already bounds the output where the provider reads it: the cap's member is a number, or — where
    /// the cap's member is <c>max_completion_tokens</c>, whose readers read <c>max_tokens</c> too — <c>max_tokens</c> is.
    /// A number above the cap is lowered, so any number bounds it.
    /// </summary>
    private static bool IsBounded(InspectedRequest request, UpstreamOutputCap cap) =>
        CapMemberValue(request, cap)?.Tokens is not null
        || (cap.Member == ProviderPreset.MaxCompletionTokens && request.MaxTokensValue?.Tokens is not null);

    /// <summary>
    /// The value the cap's member gets where the gateway sets it: the client's own limit, when it gave one within the
    /// cap in the other member only (a provider that reads either then stops where the client asked), else the cap.
    /// </summary>
    private static int SetLimit(InspectedRequest request, UpstreamOutputCap cap) =>
        Math.Min(cap.Tokens, OtherMemberValue(request, cap)?.Tokens ?? cap.Tokens);

    private static OutputLimitValue? CapMemberValue(InspectedRequest request, UpstreamOutputCap cap) =>
        cap.Member == ProviderPreset.MaxCompletionTokens ? request.MaxCompletionTokensValue : request.MaxTokensValue;

    private static OutputLimitValue? OtherMemberValue(InspectedRequest request, UpstreamOutputCap cap) =>
        cap.Member == ProviderPreset.MaxCompletionTokens ? request.MaxTokensValue : request.MaxCompletionTokensValue;

    private static byte[] OutputLimitMember(InspectedRequest request, UpstreamOutputCap cap) =>
        Encoding.UTF8.GetBytes($"\"{cap.Member}\":{SetLimit(request, cap).ToString(CultureInfo.InvariantCulture)}");

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
