using System.Collections;

namespace Tollway.Gateway.Platform.Telemetry;

/// <summary>A request's logging scope: its id (<c>X-Request-Id</c>) as <c>RequestId</c>, which the JSON console writes as
/// a property of the line's scope.</summary>
internal sealed class RequestIdScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The property's name.</summary>
    public const string Key = "RequestId";

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new(Key, requestId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{Key}:{requestId}";
}
