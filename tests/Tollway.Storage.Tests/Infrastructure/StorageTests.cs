using Microsoft.Extensions.Time.Testing;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>
/// The base of every contract suite: written once against <see cref="StorageBackend"/>, run once per backend by a
/// concrete subclass. Gives each test a fake clock and nodes that are disposed when the test ends.
/// </summary>
public abstract class StorageTests(StorageBackend backend) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<StorageNode> _nodes = [];
    private StorageNode? _node;

    protected StorageBackend Backend { get; } = backend;

    /// <summary>The class's database, shared by its tests.</summary>
    protected TestDatabase Database => Backend.Database;

    /// <summary>The clock of <see cref="Node"/> and of nodes made without one.</summary>
    protected FakeTimeProvider Time { get; } = new(Start);

    /// <summary>A node over the class's database.</summary>
    protected StorageNode Node => _node ??= NewNode();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Another node: over another database when given one, on another clock when given one.</summary>
    protected StorageNode NewNode(TestDatabase? database = null, TimeProvider? time = null)
    {
        var node = (database ?? Database).NewNode(time ?? Time);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    public ValueTask InitializeAsync()
    {
        if (Backend.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
