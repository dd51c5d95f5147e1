using Microsoft.Extensions.Options;
using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>
/// Drains <see cref="RequestLogInbox"/> into the database: one transaction per batch of up to
/// <see cref="RequestLogOptions.BatchSize"/> rows, at least every <see cref="RequestLogOptions.FlushInterval"/>.
/// On shutdown it writes what is queued before the process exits.
/// </summary>
internal sealed class RequestLogWriter(
    RequestLogInbox queue,
    IRequestLogSink sink,
    IOptions<RequestLogOptions> options,
    TimeProvider timeProvider,
    ILogger<RequestLogWriter> logger) : BackgroundService
{
    private readonly RequestLogOptions _options = options.Value;
    private long _reportedDropped;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<RequestLogEntry>(_options.BatchSize);
        var reader = queue.Reader;
        // Not tied to stoppingToken: on shutdown the queue is completed and drained, not abandoned.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _options.BatchSize && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count < _options.BatchSize && !stoppingToken.IsCancellationRequested)
            {
                // Let a batch fill for a moment: one transaction for many rows is what keeps the database cheap.
                await WaitForMoreAsync(stoppingToken);
                while (batch.Count < _options.BatchSize && reader.TryRead(out var entry))
                {
                    batch.Add(entry);
                }
            }

            await WriteWithRetryAsync(batch, stoppingToken);
            batch.Clear();
            ReportDrops();
        }
    }

    private async Task WaitForMoreAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(_options.FlushInterval, timeProvider, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down: write what is there now.
        }
    }

    private async Task WriteWithRetryAsync(List<RequestLogEntry> batch, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sink.WriteAsync(batch, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (attempt < 5)
            {
                Log.RequestLogWriteFailed(logger, batch.Count, ex);
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), timeProvider, stoppingToken.IsCancellationRequested ? CancellationToken.None : stoppingToken)
                    .ConfigureAwait(false);
            }
        }
    }

    private void ReportDrops()
    {
        var dropped = queue.Dropped;
        if (dropped != _reportedDropped)
        {
            _reportedDropped = dropped;
            Log.RequestLogDropped(logger, dropped);
        }
    }
}
