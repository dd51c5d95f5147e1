namespace Tollway.Gateway.Pipeline.RequestLog;

/// <summary>Tuning for the request log writer, which batches rows off the request path.</summary>
public sealed class RequestLogOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "RequestLog";

    /// <summary>Most rows written in one transaction.</summary>
    public int BatchSize { get; set; } = 512;

    /// <summary>Longest a row waits in memory before its batch is written.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Rows held in memory while the database is slow; beyond it rows are dropped and counted, never blocking a request.</summary>
    public int QueueCapacity { get; set; } = 100_000;
}
