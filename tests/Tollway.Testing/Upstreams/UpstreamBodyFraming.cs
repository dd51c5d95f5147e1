namespace Tollway.Testing.Upstreams;

/// <summary>How a fault's raw body goes on the wire, for testing what a client of the fake reserves and reads.</summary>
/// <param name="DeclaredLength">A <c>Content-Length</c> to declare and never reach (the answer then hangs, or breaks off);
/// unset, the body is sent chunked, with no length at all.</param>
/// <param name="BreakOff">Whether the connection is dropped once the body is sent, instead of hanging.</param>
public sealed record UpstreamBodyFraming(long? DeclaredLength = null, bool BreakOff = false)
{
    /// <summary>Chunked transfer encoding: no length declared.</summary>
    public static UpstreamBodyFraming Chunked { get; } = new();

    /// <summary>Declares <paramref name="length"/> bytes, sends the body, then hangs.</summary>
    public static UpstreamBodyFraming Declaring(long length) => new(length);

    /// <summary>Declares <paramref name="length"/> bytes, sends the body, then drops the connection: an answer that
    /// broke off mid-way.</summary>
    public static UpstreamBodyFraming BreakingOffAt(long length) => new(length, BreakOff: true);
}
