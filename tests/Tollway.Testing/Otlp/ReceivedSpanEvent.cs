namespace Tollway.Testing.Otlp;

/// <summary>An event of a <see cref="ReceivedSpan"/>: its name and attributes.</summary>
/// <param name="Name">The event's name (<c>exception</c>, say).</param>
/// <param name="Attributes">Its attributes, valued as a span's are.</param>
public sealed record ReceivedSpanEvent(string Name, IReadOnlyDictionary<string, object?> Attributes);
