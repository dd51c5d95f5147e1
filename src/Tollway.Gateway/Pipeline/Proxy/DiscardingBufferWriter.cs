using System.Buffers;

namespace Tollway.Gateway.Pipeline.Proxy;

/// <summary>
/// Where a stream's events go once its client has left: written into one reused array and forgotten, so the relay can
/// go on reading the provider for the usage that says what the request cost, without sending or keeping anything.
/// </summary>
internal sealed class DiscardingBufferWriter : IBufferWriter<byte>
{
    private byte[] _scratch = new byte[4096];

    public void Advance(int count)
    {
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => Scratch(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Scratch(sizeHint);

    private byte[] Scratch(int sizeHint)
    {
        if (sizeHint > _scratch.Length)
        {
            _scratch = new byte[sizeHint];
        }

        return _scratch;
    }
}
