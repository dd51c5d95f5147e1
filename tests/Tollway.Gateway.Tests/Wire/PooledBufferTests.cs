using Tollway.Gateway.Tests.Pipeline.Proxy;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Tests.Wire;

public sealed class PooledBufferTests
{
    [Fact]
    public void Write_BeyondTheFirstRent_GrowsAndKeepsEveryByte()
    {
        using var buffer = new PooledBuffer(16);
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();

        buffer.Write(data.AsSpan(0, 100));
        buffer.Write(data.AsSpan(100));

        Assert.Equal(data.Length, buffer.Length);
        Assert.Equal(data, buffer.Span.ToArray());
        Assert.Equal(data, buffer.Memory.ToArray());
    }

    [Fact]
    public void GetFreeMemoryThenAdvance_AppendsWhatWasWritten()
    {
        using var buffer = new PooledBuffer(256);
        buffer.Write("ab"u8);

        var free = buffer.GetFreeMemory(1_000);
        "cd"u8.CopyTo(free.Span);
        buffer.Advance(2);

        Assert.True(free.Length >= 1_000);
        Assert.Equal("abcd"u8.ToArray(), buffer.Span.ToArray());
    }

    [Fact]
    public void Consume_SomeBytes_KeepsTheRestAtTheStart()
    {
        using var buffer = new PooledBuffer(256);
        buffer.Write("event one|event two"u8);

        buffer.Consume("event one|".Length);

        Assert.Equal("event two"u8.ToArray(), buffer.Span.ToArray());
        buffer.Consume(0);
        Assert.Equal("event two"u8.ToArray(), buffer.Span.ToArray());
        buffer.Consume(buffer.Length);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Dispose_ThenUse_Throws()
    {
        var buffer = new PooledBuffer(256);

        buffer.Dispose();
        buffer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => buffer.Write("x"u8));
        Assert.Throws<ObjectDisposedException>(() => buffer.Memory);
    }

    [Theory]
    [InlineData(300, true)]
    [InlineData(512, true)]
    [InlineData(20_000, false)]
    public async Task ReadAllAsync_BodyWithOrWithoutItsLength_ReadsEveryByte(int size, bool declared)
    {
        var body = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        // Small reads, as a socket delivers a body in pieces.
        using var stream = new TrickleStream(body, 100);

        using var buffer = await PooledBuffer.ReadAllAsync(stream, declared ? size : null, 1_000_000, readSize: 4096, TestContext.Current.CancellationToken);

        Assert.NotNull(buffer);
        Assert.Equal(body, buffer.Span.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadAllAsync_BodyPastTheLimit_ReturnsNull(bool declared)
    {
        var body = new byte[5_000];
        using var stream = new MemoryStream(body);

        var buffer = await PooledBuffer.ReadAllAsync(stream, declared ? body.Length : null, 4_999, readSize: 1024, TestContext.Current.CancellationToken);

        Assert.Null(buffer);
    }

    [Theory]
    [InlineData(100_000_000L, 200_000_000L)]
    [InlineData(16_000_000L, 16L * 1024 * 1024)]
    public async Task ReadAllAsync_DeclaredLengthFarAboveWhatArrives_HoldsOnlyWhatArrived(long declared, long limit)
    {
        // The client declared megabytes and sent ten bytes: nothing more than a small first buffer may be held for it.
        using var stream = new MemoryStream(new byte[10]);

        using var buffer = await PooledBuffer.ReadAllAsync(stream, declared, limit, readSize: 4096, TestContext.Current.CancellationToken);

        Assert.NotNull(buffer);
        Assert.Equal(10, buffer.Length);
        Assert.True(buffer.Capacity <= PooledBuffer.MaxReservation, $"{buffer.Capacity} bytes held for 10 received");
    }

    [Fact]
    public async Task ReadAllAsync_LargeDeclaredBody_GrowsAsItArrivesAndKeepsEveryByte()
    {
        var body = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 13)).ToArray();
        using var stream = new TrickleStream(body, 5_000);

        using var buffer = await PooledBuffer.ReadAllAsync(stream, body.Length, 1_000_000, readSize: 4096, TestContext.Current.CancellationToken);

        Assert.NotNull(buffer);
        Assert.Equal(body, buffer.Span.ToArray());
        Assert.True(buffer.Capacity < 2 * 1024 * 1024, $"{buffer.Capacity} bytes held for {body.Length}");
    }
}
