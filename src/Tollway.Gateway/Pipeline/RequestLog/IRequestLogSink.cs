namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>Durable storage of request log rows, written in batches.</summary>
public interface IRequestLogSink
{
    /// <summary>Writes the rows in one transaction.</summary>
    Task WriteAsync(IReadOnlyList<RequestLogEntry> entries, CancellationToken cancellationToken);
}
