using System.Diagnostics;
using System.Text;
using Tollway.Bench.Arms;
using Tollway.Bench.Results;

namespace Tollway.Bench.Load;

/// <summary>
/// Scenario (c): open-loop load at a fixed rate. A dedicated thread sends request <c>i</c> at <c>start + i/rate</c>
/// whether or not earlier ones have answered, and each latency runs from that intended start (so a stall shows as
/// latency instead of as fewer requests: no coordinated omission). The first second warms up and is not counted. A
/// request due while a full second's worth are still in flight is not sent and counts as an error.
/// </summary>
internal static class OpenLoopRunner
{
    public static async Task<LatencyResult> RunAsync(IArm arm, string model, int rate, TimeSpan warmup, TimeSpan duration)
    {
        // A fixed pool: 256 connections carry 12,800 req/s at 20 ms, and a hiccup then queues requests here (their
        // latency still counts from their scheduled time) instead of opening hundreds of connections at once, whose
        // SYNs overflow the server's listen queue and come back only after the kernel's one-second retransmit.
        using var client = ChatRequest.Client(maxConnections: 256);
        var body = Encoding.UTF8.GetBytes(ChatRequest.Body(model, stream: false));
        var warmupCount = (int)(rate * warmup.TotalSeconds);
        var total = warmupCount + (int)(rate * duration.TotalSeconds);
        var latencies = new long[total - warmupCount];
        long errors = 0, inFlight = 0;
        var pending = new List<Task>(total);
        var ticksPerRequest = Stopwatch.Frequency / (double)rate;
        // A second's worth of requests in flight means the arm has fallen far behind; more would only exhaust sockets.
        var maxInFlight = rate;
        var start = Stopwatch.GetTimestamp();

        async Task SendAsync(int index, long due)
        {
            try
            {
                using var request = ChatRequest.Message(arm, body);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                if (response.StatusCode != System.Net.HttpStatusCode.OK && index >= warmupCount)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                if (index >= warmupCount)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            finally
            {
                if (index >= warmupCount)
                {
                    latencies[index - warmupCount] = Stopwatch.GetTimestamp() - due;
                }

                Interlocked.Decrement(ref inFlight);
            }
        }

        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < total; i++)
            {
                var due = start + (long)(i * ticksPerRequest);
                while (Stopwatch.GetTimestamp() < due)
                {
                    var wait = (due - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency;
                    if (wait >= 2)
                    {
                        Thread.Sleep(1);
                    }
                    else
                    {
                        Thread.Yield();
                    }
                }

                if (Interlocked.Read(ref inFlight) >= maxInFlight)
                {
                    // The arm has fallen hopelessly behind: count the request as failed rather than queue without end.
                    if (i >= warmupCount)
                    {
                        // Never answered: its latency is unbounded, and the percentiles it reaches say so.
                        Interlocked.Increment(ref errors);
                        latencies[i - warmupCount] = long.MaxValue;
                    }

                    continue;
                }

                Interlocked.Increment(ref inFlight);
                pending.Add(SendAsync(i, due));
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds - warmup.TotalSeconds;
        Array.Sort(latencies);
        return new LatencyResult(
            latencies.Length, Interlocked.Read(ref errors), (latencies.Length - Interlocked.Read(ref errors)) / Math.Max(elapsed, 0.001),
            Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 90), Percentiles.Of(latencies, 99),
            Percentiles.Of(latencies, 99.9), Percentiles.Of(latencies, 100));
    }
}
