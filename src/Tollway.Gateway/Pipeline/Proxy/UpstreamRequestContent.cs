using System.Net;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// A request body to a provider that knows whether it has started to go out. Until then (waiting for a connection) a
/// client that leaves withdraws the request, and nothing reaches the provider. From its first byte the request is the
/// provider's, which generates and bills it whether or not anyone waits: the client's leaving no longer cancels it, so
/// it is sent whole and its answer read for its usage.
/// </summary>
/// <remarks>
/// Sent from the first byte, not the last: a body cut short by the client's leaving may or may not be generated (the
/// provider may have all of it already, in its socket), and a request either goes whole or not at all. One atomic state,
/// so a client that leaves as the body starts either withdraws the request or finds it sent, never both.
/// </remarks>
internal sealed class UpstreamRequestContent(ReadOnlyMemory<byte> body, CancellationTokenSource cancellation) : HttpContent
{
    private const int Sending = 0;
    private const int Sent = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>Whether the client left before the body started to go out, which cancelled the exchange.</summary>
    public bool WasWithdrawn => Volatile.Read(ref _state) == Withdrawn;

    /// <summary>For <see cref="CancellationToken.UnsafeRegister(Action{object?}, object?)"/> on the client's abort.</summary>
    public static void OnClientLeft(object? content) => ((UpstreamRequestContent)content!).Withdraw();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        Interlocked.CompareExchange(ref _state, Sent, Sending) == Withdrawn
            ? Task.FromException(new OperationCanceledException("The client left before the request was sent."))
            : stream.WriteAsync(body, cancellationToken).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }

    private void Withdraw()
    {
        if (Interlocked.CompareExchange(ref _state, Withdrawn, Sending) == Sending)
        {
            cancellation.Cancel();
        }
    }
}
