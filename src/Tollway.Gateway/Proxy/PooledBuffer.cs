using System.Buffers;

namespace Tollway.Gateway.Proxy;

/// <summary>A body held in a rented array; returned to the pool when the request is done with it.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    public PooledBuffer(int capacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    public ReadOnlySpan<byte> Span => Array.AsSpan(0, Length);

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    /// <summary>Space to write into, growing the rented array when needed.</summary>
    public Memory<byte> GetFreeMemory(int sizeHint)
    {
        if (Array.Length - Length < sizeHint)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Array.Length * 2, Length + sizeHint));
            Array.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(Array);
            _array = larger;
        }

        return Array.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Drops the first <paramref name="count"/> bytes, keeping the rest at the start.</summary>
    public void Consume(int count)
    {
        if (count == 0)
        {
            return;
        }

        Array.AsSpan(count, Length - count).CopyTo(Array);
        Length -= count;
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetFreeMemory(bytes.Length).Span);
        Length += bytes.Length;
    }

    public void Dispose()
    {
        if (_array is { } array)
        {
            _array = null;
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
