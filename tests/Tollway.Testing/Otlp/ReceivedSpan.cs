using System.Diagnostics;

namespace Tollway.Testing.Otlp;

/// <summary>One span as an OTLP exporter sent it to <see cref="OtlpReceiver"/>: ids in lower-case hex (the parent's empty
/// for a root), attribute values as <see cref="string"/>, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
/// byte arrays, lists or dictionaries of these.</summary>
/// <param name="TraceId">The trace id, 32 hex digits.</param>
/// <param name="SpanId">The span id, 16 hex digits.</param>
/// <param name="ParentSpanId">The parent's span id; empty for a root span.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> the span carries.</param>
/// <param name="Name">The span's name.</param>
/// <param name="Kind">Server, client or internal.</param>
/// <param name="Scope">The instrumentation scope (activity source) that made it.</param>
/// <param name="Attributes">Its attributes.</param>
/// <param name="Events">Its events.</param>
/// <param name="Status">Unset, ok or error.</param>
/// <param name="StatusMessage">The status description, if any.</param>
public sealed record ReceivedSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string TraceState,
    string Name,
    ActivityKind Kind,
    string Scope,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<ReceivedSpanEvent> Events,
    ActivityStatusCode Status,
    string StatusMessage)
{
    /// <summary>A string attribute; <see langword="null"/> when absent or not a string.</summary>
    public string? Text(string key) => Attributes.GetValueOrDefault(key) as string;

    /// <summary>An integer attribute; <see langword="null"/> when absent or not an integer.</summary>
    public long? Number(string key) => Attributes.GetValueOrDefault(key) is long value ? value : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name} ({Kind}, {SpanId} under {(ParentSpanId.Length == 0 ? "none" : ParentSpanId)}) " +
        string.Join(", ", Attributes.Select(attribute => $"{attribute.Key}={attribute.Value}"));
}
