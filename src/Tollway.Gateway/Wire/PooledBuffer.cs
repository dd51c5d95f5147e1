using System.Buffers;

namespace Tollway.Gateway.Wire;

/// <summary>A body held in a rented array; returned to the pool when the request is done with it.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private byte[]? _array;

    public PooledBuffer(int capacity) => _array = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));

    public int Length { get; private set; }

    /// <summary>The most a declared length reserves before its bytes arrive. A client (or a provider) may declare
    /// 16 MiB and send ten bytes, slowly: memory must follow what was received, not what was promised.</summary>
    internal const int MaxReservation = 64 * 1024;

    /// <summary>
    /// Reads a whole body into one buffer; <see langword="null"/> as soon as it passes <paramref name="limit"/> bytes.
    /// A declared length up to <see cref="MaxReservation"/> is read into an array of that size (one more byte to see the
    /// end), so the usual body rents one small array and never grows it: asking for a few KiB of free space before every
    /// read made each request rent twice, and with many requests in flight the shared pool ran dry and each miss was a
    /// fresh allocation. A larger declared length starts there and doubles as the bytes come.
    /// </summary>
    /// <param name="stream">The body.</param>
    /// <param name="declaredLength">Its <c>Content-Length</c>, when it has one.</param>
    /// <param name="limit">The most bytes accepted.</param>
    /// <param name="readSize">How much room to ask for per read when no length was declared.</param>
    /// <param name="cancellationToken">Ends the read.</param>
    public static async ValueTask<PooledBuffer?> ReadAllAsync(
        Stream stream, long? declaredLength, long limit, int readSize, CancellationToken cancellationToken)
    {
        var buffer = new PooledBuffer(declaredLength is { } length ? (int)Math.Min(Math.Min(length, limit) + 1, MaxReservation) : 16 * 1024);
        var room = declaredLength is null ? readSize : 1;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.GetFreeMemory(room), cancellationToken);
                if (read == 0)
                {
                    return buffer;
                }

                buffer.Advance(read);
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return null;
                }
            }
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

    /// <summary>The size of the rented array: what the buffer holds in memory, used or not.</summary>
    internal int Capacity => Array.Length;

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
