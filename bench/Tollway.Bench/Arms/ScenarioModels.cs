using System.Globalization;

namespace Tollway.Bench.Arms;

/// <summary>
/// The model names the scenarios ask for. The mock reads its behaviour from the name (see the mock's
/// <c>MockBehaviour</c>), and the <c>gpt-4o-mini</c> prefix makes the gateway count prompt tokens with the real o200k
/// tokenizer, as it does for that model in production.
/// </summary>
internal static class ScenarioModels
{
    private const string Prefix = "gpt-4o-mini-bench";

    public static string Instant => Prefix;

    public static string Delayed(BenchSettings settings) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-d{settings.OpenLoopDelayMs}");

    public static string Streamed(BenchSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-c{settings.StreamChunks}-i{settings.StreamIntervalMs}");

    public static string Held(BenchSettings settings) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-c{settings.HeldChunks}-i{settings.HeldIntervalMs}");

    public static IReadOnlyList<string> All(BenchSettings settings) => [Instant, Delayed(settings), Streamed(settings), Held(settings)];
}
