namespace Tollway.Bench.Arms;

/// <summary>One way of reaching the mock upstream that the scenarios measure side by side.</summary>
internal interface IArm : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Where a client posts its chat completions on this arm.</summary>
    Uri ChatUrl { get; }

    /// <summary>The headers a client of this arm sends (its key; Portkey's provider and custom host).</summary>
    IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The process whose memory and CPU scenario (e) reports; none for the direct arm.</summary>
    int? ProcessId { get; }

    Task StartAsync(ArmContext context);
}
