using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>
/// Where the request path drops its log row: a bounded in-memory queue that never blocks a request. When the
/// database falls so far behind that the queue fills, rows are dropped and counted rather than slowing clients.
/// </summary>
public sealed class RequestLogInbox
{
    private readonly Channel<RequestLogEntry> _channel;
    private long _dropped;

    /// <summary>Creates the queue with the configured capacity.</summary>
    public RequestLogInbox(IOptions<RequestLogOptions> options) =>
        _channel = Channel.CreateBounded<RequestLogEntry>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    /// <summary>Rows dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<RequestLogEntry> Reader => _channel.Reader;

    /// <summary>Queues a row; returns false (and counts it) when the queue is full.</summary>
    public bool TryEnqueue(RequestLogEntry entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    internal void Complete() => _channel.Writer.TryComplete();
}
