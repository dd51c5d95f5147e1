namespace Tollway.Bench.Mock;

/// <summary>
/// How the mock answers, read from the model name so that every arm (direct, proxies, gateways) can ask for the same
/// behaviour by passing the model through unchanged: <c>-d20</c> waits 20 ms before answering, <c>-c64</c> streams
/// 64 content chunks, <c>-i20</c> puts 20 ms between them. <c>gpt-4o-mini-bench-c64-i20</c> is a 64-chunk stream.
/// </summary>
internal readonly record struct MockBehaviour(int DelayMs, int Chunks, int IntervalMs)
{
    private const int DefaultChunks = 8;

    public static MockBehaviour Parse(string model)
    {
        int delay = 0, chunks = DefaultChunks, interval = 0;
        foreach (var part in model.Split('-'))
        {
            if (part.Length < 2 || !int.TryParse(part.AsSpan(1), out var value))
            {
                continue;
            }

            switch (part[0])
            {
                case 'd': delay = value; break;
                case 'c': chunks = Math.Max(1, value); break;
                case 'i': interval = value; break;
            }
        }

        return new MockBehaviour(delay, chunks, interval);
    }
}
