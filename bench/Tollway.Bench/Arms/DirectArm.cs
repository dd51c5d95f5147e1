namespace Tollway.Bench.Arms;

/// <summary>The client talks to the mock itself: the baseline every other arm's added latency is measured against.</summary>
internal sealed class DirectArm : IArm
{
    public string Name => ArmNames.Direct;

    public Uri ChatUrl { get; private set; } = null!;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; } = [new("Authorization", "Bearer sk-bench")];

    public int? ProcessId => null;

    public Task StartAsync(ArmContext context)
    {
        ChatUrl = new Uri(context.MockBaseUrl, "v1/chat/completions");
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
