using System.Text;
using Microsoft.AspNetCore.Http;

namespace Tollway.Testing;

/// <summary>
/// A valid JSON answer padded to any size, for a stand-in of an outside service (an RPC URL, a facilitator) that answers
/// too much: written chunk by chunk as the client reads, never held whole, with no length declared; or a length declared
/// and never sent.
/// </summary>
public static class OversizedAnswer
{
    private static readonly byte[] Chunk = Encoding.ASCII.GetBytes(new string('0', 64 * 1024));

    /// <summary>Writes <paramref name="head"/>, <paramref name="padding"/> bytes of <c>0</c>, then <paramref name="tail"/>;
    /// with <paramref name="declaredLength"/>, writes the head under that length and waits for the client to leave.</summary>
    public static async Task WriteAsync(HttpResponse response, string head, long padding, string tail, long? declaredLength = null)
    {
        var gone = response.HttpContext.RequestAborted;
        response.ContentType = "application/json";
        response.ContentLength = declaredLength;
        try
        {
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(head), gone);
            if (declaredLength is not null)
            {
                await response.Body.FlushAsync(gone);
                await Task.Delay(Timeout.InfiniteTimeSpan, gone);
            }

            // Kestrel drops writes to a connection that is gone without a word: the request's abort is what tells.
            for (var sent = 0L; sent < padding && !gone.IsCancellationRequested; sent += Chunk.Length)
            {
                await response.Body.WriteAsync(Chunk.AsMemory(0, (int)Math.Min(Chunk.Length, padding - sent)), gone);
            }

            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(tail), gone);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client stopped reading and left: what a client that bounds its reads does.
        }
    }
}
