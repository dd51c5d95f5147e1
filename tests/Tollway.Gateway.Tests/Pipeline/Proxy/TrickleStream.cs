namespace Tollway.Gateway.Tests.Pipeline.Proxy;

/// <summary>
/// A read-only stream that hands out its bytes a few at a time (1, 2, … up to <c>maxRead</c> per read, cycling), the
/// way a slow upstream connection splits events anywhere, and that can fail once its bytes are exhausted, the way a
/// connection reset or a timeout ends a stream.
/// </summary>
internal sealed class TrickleStream(byte[] data, int maxRead = 7, Exception? failAtEnd = null) : Stream
{
    private int _position;
    private int _reads;

    public int Reads => _reads;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position == data.Length)
        {
            return failAtEnd is null ? 0 : throw failAtEnd;
        }

        var size = Math.Min(Math.Min(buffer.Length, data.Length - _position), (_reads++ % maxRead) + 1);
        data.AsSpan(_position, size).CopyTo(buffer);
        _position += size;
        return size;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
