using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Testing;

/// <summary>One anvil chain per test class, with the test stablecoin deployed.</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _node;
    private TestToken? _token;

    public AnvilNode Node => _node ?? throw new InvalidOperationException("Not started.");

    public TestToken Token => _token ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _node = await AnvilNode.StartAsync(chainId: 31337);
        _token = await _node.DeployTokenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
