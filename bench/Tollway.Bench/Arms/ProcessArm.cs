using Tollway.Bench.Hosting;

namespace Tollway.Bench.Arms;

/// <summary>An arm that is a server process of its own, started by the arm and killed when it is disposed.</summary>
internal abstract class ProcessArm : IArm
{
    public abstract string Name { get; }

    public Uri ChatUrl { get; protected set; } = null!;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; protected set; } = [];

    public int? ProcessId => Server?.Id;

    protected ManagedProcess? Server { get; set; }

    public abstract Task StartAsync(ArmContext context);

    public virtual async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
