using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing.Upstreams;

/// <summary>
/// The single terminal middleware of the fake: reads and records the request, takes the next fault, applies
/// the faults that replace or delay the answer, then lets <see cref="FakeOperations"/> answer.
/// </summary>
internal sealed class FakeRequestHandler(FakeUpstreamState upstream)
{
    public async Task HandleAsync(HttpContext context)
    {
        // Disposing the upstream must release hung requests and held streams, not wait for their clients.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, upstream.Stopping);
        var cancellationToken = linked.Token;
        try
        {
            var body = await ReadBodyAsync(context.Request, cancellationToken);
            upstream.Observe(context.Request, body);
            await RespondAsync(context, body, upstream.NextFault(), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up or the upstream is stopping: nobody is left to answer.
            context.Abort();
        }
        catch (IOException)
        {
            // The connection broke under a read or write; the client already sees that as a failure.
            context.Abort();
        }
    }

    private static async Task RespondAsync(HttpContext context, byte[] body, UpstreamFault? fault, CancellationToken cancellationToken)
    {
        context.Response.Headers["x-request-id"] = FakeCompletion.NewId("req_");
        if (fault is null)
        {
            await FakeOperations.RespondAsync(context, body, fault, cancellationToken);
            return;
        }

        if (fault.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        if (fault.ResetConnection)
        {
            context.Abort();
            return;
        }

        if (fault.Hang)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return;
        }

        if (fault.RetryAfter is { } retryAfter)
        {
            var seconds = (long)Math.Ceiling(Math.Max(0, retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (fault.Body is not null || fault.Status is < 200 or > 299)
        {
            await FakeOperations.RespondWithFaultStatusAsync(context, fault, cancellationToken);
            return;
        }

        await FakeOperations.RespondAsync(context, body, fault, cancellationToken);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is { } length and <= int.MaxValue)
        {
            if (length == 0)
            {
                return [];
            }

            var exact = new byte[length];
            await request.Body.ReadExactlyAsync(exact, cancellationToken);
            return exact;
        }

        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}
