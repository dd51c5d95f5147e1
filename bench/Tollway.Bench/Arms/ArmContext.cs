namespace Tollway.Bench.Arms;

/// <summary>What every arm needs to start: the settings, the mock's base URL and a directory of its own.</summary>
internal sealed record ArmContext(BenchSettings Settings, Uri MockBaseUrl, string Directory)
{
    /// <summary>The core a server under test is pinned to, or none when pinning is off.</summary>
    public int? GatewayCore => Settings.Pin ? Settings.GatewayCore : null;

    public string Output(string project, string assembly) =>
        Path.Combine(Settings.Root, project, "bin", "Release", "net10.0", assembly);
}
