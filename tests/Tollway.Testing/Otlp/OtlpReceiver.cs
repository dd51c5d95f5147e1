using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Testing.Otlp.Wire;

namespace Tollway.Testing.Otlp;

/// <summary>
/// An OpenTelemetry collector's trace endpoint in the test process: a loopback Kestrel server that takes OTLP/HTTP
/// protobuf exports (<c>POST /v1/traces</c>), keeps every span, and keeps every body as it came so a test can search
/// the raw bytes too. Give a gateway <c>OTEL_EXPORTER_OTLP_ENDPOINT=</c><see cref="Endpoint"/> and
/// <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>.
/// </summary>
/// <remarks>
/// Its own requests are not traced: every tracer in the process listens to ASP.NET Core's activity source by name, and
/// a span of each export, exported in turn, would feed itself for as long as the test runs. The receiver's host gets an
/// activity source and a diagnostic listener of names nobody listens to instead.
/// </remarks>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private const string UnobservedName = "OtlpReceiver.Unobserved";

    private readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    private readonly ConcurrentQueue<byte[]> _bodies = new();
    private WebApplication? _app;

    /// <summary>The base URL for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>http://127.0.0.1:PORT</c>; the exporter adds
    /// <c>/v1/traces</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every span received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedSpan> Spans => [.. _spans];

    /// <summary>Every export body received so far, as it came (decompressed).</summary>
    public IReadOnlyList<byte[]> Bodies => [.. _bodies];

    /// <summary>Starts the receiver on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken = default)
    {
        var receiver = new OtlpReceiver();
        (receiver._app, var url) = await LoopbackServer.StartAsync(receiver.HandleAsync, Unobserved, cancellationToken);
        receiver.Endpoint = new Uri(url.GetLeftPart(UriPartial.Authority));
        return receiver;
    }

    /// <summary>Waits until the spans of <paramref name="traceId"/> received so far satisfy <paramref name="complete"/>;
    /// returns them.</summary>
    public async Task<IReadOnlyList<ReceivedSpan>> WaitForTraceAsync(
        string traceId, Func<IReadOnlyList<ReceivedSpan>, bool> complete, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ReceivedSpan> trace = [];
        await Eventually.TrueAsync(
            () =>
            {
                trace = [.. _spans.Where(span => span.TraceId == traceId)];
                return complete(trace);
            },
            $"the export of trace {traceId} (so far: {string.Join("; ", trace)})",
            cancellationToken);
        return trace;
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != "/v1/traces")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var body = await ReadBodyAsync(context.Request);
        _bodies.Enqueue(body);
        foreach (var span in OtlpSpanReader.Read(ExportTraceServiceRequest.Parser.ParseFrom(body)))
        {
            _spans.Enqueue(span);
        }

        // An empty ExportTraceServiceResponse: everything was accepted.
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/x-protobuf";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var aborted = request.HttpContext.RequestAborted;
        if (string.Equals(request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var unzipped = new GZipStream(request.Body, CompressionMode.Decompress, leaveOpen: true);
            await unzipped.CopyToAsync(buffer, aborted);
        }
        else
        {
            await request.Body.CopyToAsync(buffer, aborted);
        }

        return buffer.ToArray();
    }

    /// <summary>ASP.NET Core's activity source and diagnostic listener under names no tracer listens to.</summary>
    private static void Unobserved(IServiceCollection services)
    {
        services.RemoveAll<ActivitySource>();
        services.AddSingleton(new ActivitySource(UnobservedName));
        services.RemoveAll<DiagnosticListener>();
        services.AddSingleton(new DiagnosticListener(UnobservedName));
        services.Replace(ServiceDescriptor.Singleton<DiagnosticSource>(provider => provider.GetRequiredService<DiagnosticListener>()));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
