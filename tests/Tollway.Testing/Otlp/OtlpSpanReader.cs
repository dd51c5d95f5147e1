using System.Diagnostics;
using Google.Protobuf;
using Tollway.Testing.Otlp.Wire;

namespace Tollway.Testing.Otlp;

/// <summary>Turns a decoded OTLP export into <see cref="ReceivedSpan"/>s.</summary>
internal static class OtlpSpanReader
{
    public static IEnumerable<ReceivedSpan> Read(ExportTraceServiceRequest export) =>
        from resource in export.ResourceSpans
        from scope in resource.ScopeSpans
        from span in scope.Spans
        select ToSpan(span, scope.Scope?.Name ?? "");

    private static ReceivedSpan ToSpan(Span span, string scope) => new(
        Hex(span.TraceId),
        Hex(span.SpanId),
        Hex(span.ParentSpanId),
        span.TraceState,
        span.Name,
        // OTLP numbers its kinds from 1 (internal) where ActivityKind numbers them from 0.
        span.Kind == Span.Types.SpanKind.Unspecified ? ActivityKind.Internal : (ActivityKind)((int)span.Kind - 1),
        scope,
        Attributes(span.Attributes),
        [.. span.Events.Select(e => new ReceivedSpanEvent(e.Name, Attributes(e.Attributes)))],
        (ActivityStatusCode)(int)(span.Status?.Code ?? Status.Types.StatusCode.Unset),
        span.Status?.Message ?? "");

    /// <summary>The attributes of a resource, span or event by key.</summary>
    public static Dictionary<string, object?> Attributes(IEnumerable<KeyValue> attributes) =>
        attributes.GroupBy(a => a.Key).ToDictionary(g => g.Key, g => Value(g.Last().Value));

    private static object? Value(AnyValue? value) => value?.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue,
        AnyValue.ValueOneofCase.IntValue => value.IntValue,
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue,
        AnyValue.ValueOneofCase.ArrayValue => value.ArrayValue.Values.Select(Value).ToList(),
        AnyValue.ValueOneofCase.KvlistValue => Attributes(value.KvlistValue.Values),
        AnyValue.ValueOneofCase.BytesValue => value.BytesValue.ToByteArray(),
        _ => null,
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
