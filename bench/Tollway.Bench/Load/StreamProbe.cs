using System.Diagnostics;
using System.Text;
using Tollway.Bench.Arms;
using Tollway.Bench.Results;

namespace Tollway.Bench.Load;

/// <summary>
/// Scenario (d): streams from a mock that sends its content chunks a fixed interval apart, read one after another so
/// nothing else is in flight. Measures the time to the first event and the gaps between content events.
/// </summary>
internal static class StreamProbe
{
    public static async Task<StreamResult> RunAsync(IArm arm, string model, int streams, int chunks, int intervalMs)
    {
        using var client = ChatRequest.Client();
        var body = Encoding.UTF8.GetBytes(ChatRequest.Body(model, stream: true));
        var firstChunks = new List<long>();
        double maxGap = 0, minGap = double.MaxValue;
        int intact = 0, batched = 0, gaps = 0;
        // One stream first, not counted, so that connections are open and code is warm.
        for (var s = -1; s < streams; s++)
        {
            var transcript = new SseTranscript(chunks);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var request = ChatRequest.Message(arm, body);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                await transcript.ReadAsync(stream, onFirstEvent: null, CancellationToken.None);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // Counted as a stream that was not intact.
            }

            if (s < 0)
            {
                continue;
            }

            intact += transcript.Intact ? 1 : 0;
            if (transcript.FirstEvent != 0)
            {
                firstChunks.Add(transcript.FirstEvent - started);
            }

            var times = transcript.ContentTimes;
            for (var i = 1; i < times.Count; i++)
            {
                var gapMs = Percentiles.TicksToMicros(times[i] - times[i - 1]) / 1000;
                maxGap = Math.Max(maxGap, gapMs);
                minGap = Math.Min(minGap, gapMs);
                batched += gapMs < intervalMs / 2.0 ? 1 : 0;
                gaps++;
            }
        }

        var sorted = firstChunks.Order().ToArray();
        return new StreamResult(streams, intact, Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 100), maxGap,
            minGap == double.MaxValue ? double.NaN : minGap, batched, gaps);
    }
}
