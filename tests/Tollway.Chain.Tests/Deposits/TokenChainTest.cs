using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// A test class whose every test gets an anvil chain of its own with the test stablecoin deployed and a fresh treasury
/// address: reorgs, re-scans and mined blocks of one test never disturb another.
/// </summary>
public abstract class TokenChainTest : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected string Treasury { get; } = TestWallet.Create().LowerAddress;

    protected AnvilNode Node { get; private set; } = null!;

    protected TestToken Token { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Node = await AnvilNode.StartAsync(cancellationToken: Ct);
        Token = await Node.DeployTokenAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
