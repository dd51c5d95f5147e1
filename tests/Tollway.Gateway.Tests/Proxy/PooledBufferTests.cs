using Tollway.Gateway.Proxy;

namespace Tollway.Gateway.Tests.Proxy;

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
}
