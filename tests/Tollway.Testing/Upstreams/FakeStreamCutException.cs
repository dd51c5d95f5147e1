namespace Tollway.Testing.Upstreams;

/// <summary>
/// Thrown past the handler on purpose so Kestrel ends a stream mid-body (see
/// <see cref="UpstreamFault.CutStreamAfterChunks"/>); nothing catches it.
/// </summary>
internal sealed class FakeStreamCutException(int events)
    : Exception($"The fake upstream cut the stream after {events} events, as the fault asked.");
