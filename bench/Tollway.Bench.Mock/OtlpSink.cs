namespace Tollway.Bench.Mock;

/// <summary>
/// An OTLP/HTTP trace receiver that keeps nothing: the traced arm exports every span here, so the benchmark measures what
/// exporting costs the gateway (building, batching, serialising and sending spans) without a collector's own load on the
/// machine. It answers as a collector does, 200 with an empty <c>ExportTraceServiceResponse</c>, and counts what came.
/// </summary>
internal static class OtlpSink
{
    public const string Path = "/v1/traces";

    private static long _exports;
    private static long _bytes;

    public static async Task HandleAsync(HttpContext context)
    {
        var buffer = new byte[16 * 1024];
        long read = 0;
        int n;
        while ((n = await context.Request.Body.ReadAsync(buffer)) > 0)
        {
            read += n;
        }

        Interlocked.Increment(ref _exports);
        Interlocked.Add(ref _bytes, read);
        context.Response.ContentType = "application/x-protobuf";
        context.Response.ContentLength = 0;
    }

    /// <summary><c>GET /v1/traces</c>: how many exports and bytes came, for the harness's report.</summary>
    public static Task WriteCountsAsync(HttpContext context) =>
        context.Response.WriteAsync($"{Interlocked.Read(ref _exports)} {Interlocked.Read(ref _bytes)}");
}
