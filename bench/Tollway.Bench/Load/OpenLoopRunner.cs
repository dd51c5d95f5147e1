using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tollway.Bench.Arms;
using Tollway.Bench.Results;

namespace Tollway.Bench.Load;

/// <summary>
/// Scenario (c): open-loop load at a fixed rate. Request <c>i</c> is due at <c>start + i/rate</c> and is sent whether or
/// not earlier ones have answered; each latency runs from that due time, so a stall of the arm or of this generator shows
/// as latency instead of as fewer requests (no coordinated omission). The first second warms up and is not counted. A
/// request due while a full second's worth are still in flight is not sent: it counts as an error and as unbounded latency.
/// Before the clock starts the client opens the connections the steady state needs, as wrk opens its connections first.
/// </summary>
/// <remarks>
/// The harness shares one core with the mock, so the generator must stay cheap and must never hold up the thread pool.
/// A dedicated thread sleeps about a millisecond at a time and then sends every request already due (two at 2,000 req/s)
/// instead of spinning on <see cref="Thread.Yield"/> until each one's exact instant, which took a quarter to nearly half
/// of the shared core. This method waits for that thread through a task the thread completes, not by blocking a pool
/// thread on <see cref="Thread.Join()"/>: the process sees one processor, so its pool keeps few workers, and one blocked
/// for the whole run left responses and connects queued (up to 2,000 work items) until the pool injected threads, a
/// second or more in which a second's worth of requests piled up and the ones after them were dropped, even on the
/// direct arm. Opening the connections beforehand
/// keeps the first requests from each waiting on a connect of its own, which otherwise opened up to the pool's limit at
/// once (and made a gateway arm open as many to the mock).
/// </remarks>
internal static class OpenLoopRunner
{
    public static async Task<OpenLoopResult> RunAsync(IArm arm, string model, int rate, int connections, TimeSpan warmup, TimeSpan duration)
    {
        // A fixed pool: 256 connections carry 12,800 req/s at 20 ms, and a hiccup then queues requests here (their
        // latency still counts from their scheduled time) instead of opening hundreds of connections at once, whose
        // SYNs overflow the server's listen queue and come back only after the kernel's one-second retransmit.
        using var client = ChatRequest.Client(maxConnections: 256);
        var body = Encoding.UTF8.GetBytes(ChatRequest.Body(model, stream: false));
        await OpenConnectionsAsync(client, arm, body, connections);
        var warmupCount = (int)(rate * warmup.TotalSeconds);
        var total = warmupCount + (int)(rate * duration.TotalSeconds);
        var latencies = new long[total - warmupCount];
        var lateness = new long[total - warmupCount];
        long dropped = 0, refused = 0, timedOut = 0, failed = 0, badStatus = 0, inFlight = 0;
        var pending = new List<Task>(total);
        var ticksPerRequest = Stopwatch.Frequency / (double)rate;
        // A second's worth of requests in flight means the arm has fallen far behind; more would only exhaust sockets.
        var maxInFlight = rate;
        var start = Stopwatch.GetTimestamp();

        async Task SendAsync(int index, long due)
        {
            var measured = index >= warmupCount;
            try
            {
                using var request = ChatRequest.Message(arm, body);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != HttpStatusCode.OK && measured)
                {
                    Interlocked.Increment(ref badStatus);
                }
            }
            catch (TaskCanceledException) when (measured)
            {
                Interlocked.Increment(ref timedOut);
            }
            catch (HttpRequestException ex) when (measured && ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                Interlocked.Increment(ref refused);
            }
            catch (HttpRequestException) when (measured)
            {
                Interlocked.Increment(ref failed);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A warm-up request: not counted.
            }
            finally
            {
                if (measured)
                {
                    latencies[index - warmupCount] = Stopwatch.GetTimestamp() - due;
                }

                Interlocked.Decrement(ref inFlight);
            }
        }

        void Send(int index, long due)
        {
            if (index >= warmupCount)
            {
                lateness[index - warmupCount] = Stopwatch.GetTimestamp() - due;
            }

            if (Interlocked.Read(ref inFlight) >= maxInFlight)
            {
                // The arm has fallen hopelessly behind: count the request as failed rather than queue without end.
                if (index >= warmupCount)
                {
                    // Never answered: its latency is unbounded, and the percentiles it reaches say so.
                    dropped++;
                    latencies[index - warmupCount] = long.MaxValue;
                }

                return;
            }

            Interlocked.Increment(ref inFlight);
            pending.Add(SendAsync(index, due));
        }

        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            try
            {
                var next = 0;
                while (next < total)
                {
                    var due = start + (long)(next * ticksPerRequest);
                    if (Stopwatch.GetTimestamp() < due)
                    {
                        Thread.Sleep(1);
                        continue;
                    }

                    Send(next++, due);
                }

                sent.SetResult();
            }
            catch (Exception ex)
            {
                sent.SetException(ex);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler" };
        scheduler.Start();
        await sent.Task;
        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds - warmup.TotalSeconds;
        var errors = dropped + refused + timedOut + failed + badStatus;
        Array.Sort(latencies);
        Array.Sort(lateness);
        var latency = new LatencyResult(
            latencies.Length, errors, (latencies.Length - errors) / Math.Max(elapsed, 0.001),
            Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 90), Percentiles.Of(latencies, 99),
            Percentiles.Of(latencies, 99.9), Percentiles.Of(latencies, 100));
        return new OpenLoopResult(latency, dropped, refused, timedOut, failed, badStatus, Percentiles.Of(lateness, 99), Percentiles.Of(lateness, 100));
    }

    /// <summary>
    /// Sends <paramref name="connections"/> requests at once and waits for them: each holds a connection for the mock's
    /// delay, so none is reused before all are open, and the pool keeps them for the run.
    /// </summary>
    private static async Task OpenConnectionsAsync(HttpClient client, IArm arm, byte[] body, int connections) =>
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            using var request = ChatRequest.Message(arm, body);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        }));
}
