using System.Diagnostics;
using System.Text;
using Tollway.Bench.Arms;
using Tollway.Bench.Measure;
using Tollway.Bench.Results;

namespace Tollway.Bench.Load;

/// <summary>
/// Scenario (f): thousands of streams from a slow streaming mock, all open at once. Streams are opened at most a few
/// hundred at a time (so the listen queue is not flooded) and last far longer than the opening takes; the arm's memory
/// is sampled throughout, and every stream must end intact.
/// </summary>
internal static class HeldStreamsRunner
{
    private const int OpeningAtOnce = 200;

    public static async Task<HeldStreamsResult> RunAsync(IArm arm, string model, int count, int chunks)
    {
        using var client = ChatRequest.Client();
        var body = Encoding.UTF8.GetBytes(ChatRequest.Body(model, stream: true));
        using var opening = new SemaphoreSlim(OpeningAtOnce);
        double? baseline = arm.ProcessId is { } pid ? ProcessSampler.RssMb(pid) : null;
        await using var sampler = ProcessSampler.Start(arm.ProcessId);
        int open = 0, peakOpen = 0, opened = 0, intact = 0, errors = 0;
        var started = Stopwatch.GetTimestamp();
        long allOpen = 0;

        async Task OneAsync()
        {
            await opening.WaitAsync();
            var released = false;
            void Opened()
            {
                released = true;
                opening.Release();
                var now = Interlocked.Increment(ref open);
                InterlockedMax(ref peakOpen, now);
                if (Interlocked.Increment(ref opened) == count)
                {
                    allOpen = Stopwatch.GetTimestamp();
                }
            }

            var transcript = new SseTranscript(chunks);
            try
            {
                using var request = ChatRequest.Message(arm, body);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                await transcript.ReadAsync(stream, Opened, CancellationToken.None);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                Interlocked.Increment(ref errors);
            }
            finally
            {
                if (released)
                {
                    Interlocked.Decrement(ref open);
                }
                else
                {
                    opening.Release();
                }
            }

            if (transcript.Intact)
            {
                Interlocked.Increment(ref intact);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(OneAsync)));
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var openSeconds = allOpen == 0 ? double.NaN : Percentiles.TicksToMicros(allOpen - started) / 1_000_000;
        var usage = sampler is null ? null : await sampler.StopAsync();
        return new HeldStreamsResult(count, peakOpen, intact, errors, openSeconds, total, baseline, usage?.PeakRssMb);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
