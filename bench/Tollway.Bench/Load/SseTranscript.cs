using System.Diagnostics;

namespace Tollway.Bench.Load;

/// <summary>
/// Reads one SSE response as it arrives and keeps, per event, when it was complete: the first event's time, each
/// content event's time, and whether the stream was intact — content tokens <c>w0 w1 …</c> all there and in order,
/// then <c>data: [DONE]</c>.
/// </summary>
internal sealed class SseTranscript(int expectedChunks)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;
    private int _scanned;

    public long FirstEvent { get; private set; }

    public List<long> ContentTimes { get; } = new(expectedChunks);

    public bool Done { get; private set; }

    public bool InOrder { get; private set; } = true;

    public bool Intact => Done && InOrder && ContentTimes.Count == expectedChunks;

    /// <summary>Reads the stream to its end; <paramref name="onFirstEvent"/> runs when the first event is complete.</summary>
    public async Task ReadAsync(Stream stream, Action? onFirstEvent, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_buffer.Length - _length < 4096)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                return;
            }

            _length += read;
            var now = Stopwatch.GetTimestamp();
            var hadEvent = FirstEvent != 0;
            Scan(now);
            if (!hadEvent && FirstEvent != 0)
            {
                onFirstEvent?.Invoke();
            }
        }
    }

    private void Scan(long now)
    {
        var start = 0;
        for (var i = Math.Max(_scanned, 1); i < _length; i++)
        {
            // An event ends at a blank line: "\n\n" or "\n\r\n".
            var end = _buffer[i] == '\n' && (_buffer[i - 1] == '\n' || (i >= 2 && _buffer[i - 1] == '\r' && _buffer[i - 2] == '\n'));
            if (!end)
            {
                continue;
            }

            OnEvent(_buffer.AsSpan(start, i + 1 - start), now);
            start = i + 1;
        }

        Buffer.BlockCopy(_buffer, start, _buffer, 0, _length - start);
        _length -= start;
        _scanned = _length;
    }

    private void OnEvent(ReadOnlySpan<byte> sseEvent, long now)
    {
        if (sseEvent.Trim("\r\n"u8).IsEmpty)
        {
            return;
        }

        if (FirstEvent == 0)
        {
            FirstEvent = now;
        }

        if (sseEvent.IndexOf("[DONE]"u8) >= 0)
        {
            Done = true;
            return;
        }

        var marker = sseEvent.IndexOf("\"content\":\"w"u8);
        if (marker < 0)
        {
            return;
        }

        var digits = sseEvent[(marker + 12)..];
        var index = 0;
        for (var i = 0; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            index = (index * 10) + (digits[i] - '0');
        }

        InOrder &= index == ContentTimes.Count;
        ContentTimes.Add(now);
    }
}
