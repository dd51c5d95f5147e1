using Tollway.Chain.Wallets;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

/// <summary><see cref="IWalletStore"/> on every backend: one account per wallet, created exactly once under races.</summary>
public abstract class WalletStoreTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task GetOrCreateAccountAsync_NewWallet_CreatesTheAccountAndTheLink()
    {
        var wallet = NewWallet();
        var account = TestKeys.NewAccount("wallet");

        var ownership = await Node.Wallets.GetOrCreateAccountAsync(wallet, account, Ct);

        Assert.Equal(new WalletOwnership(wallet, account.Id, Created: true), ownership);
        Assert.Equal("wallet", (await Node.Accounts.FindAsync(account.Id, Ct))?.Name);
        Assert.Equal(account.Id, await NewNode().Wallets.FindAccountAsync(wallet, Ct));
        Assert.Equal([wallet], await Node.Wallets.ListWalletsAsync(account.Id, Ct));
    }

    [Fact]
    public async Task GetOrCreateAccountAsync_KnownWallet_ReturnsItsAccountAndCreatesNothing()
    {
        var wallet = NewWallet();
        var first = TestKeys.NewAccount("first");
        await Node.Wallets.GetOrCreateAccountAsync(wallet, first, Ct);
        var second = TestKeys.NewAccount("second");

        var ownership = await NewNode().Wallets.GetOrCreateAccountAsync(wallet, second, Ct);

        Assert.Equal(new WalletOwnership(wallet, first.Id, Created: false), ownership);
        Assert.Null(await Node.Accounts.FindAsync(second.Id, Ct));
    }

    [Fact]
    public async Task GetOrCreateAccountAsync_ChecksummedAndLowerCaseSpellings_AreOneWallet()
    {
        var lower = WalletAddress.Parse("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913");
        var mixed = WalletAddress.Parse("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913");
        var database = await Backend.CreateDatabaseAsync();
        var account = TestKeys.NewAccount("one");
        await NewNode(database).Wallets.GetOrCreateAccountAsync(lower, account, Ct);

        var again = await NewNode(database).Wallets.GetOrCreateAccountAsync(mixed, TestKeys.NewAccount("two"), Ct);

        Assert.Equal(lower, mixed);
        Assert.Equal(account.Id, again.AccountId);
        Assert.Equal("0x833589fcd6edb6e08f4c7c32d4f71b54bda02913", await database.ScalarAsync("SELECT address FROM wallets", Ct));
    }

    [Fact]
    public async Task FindAccountAsync_UnknownWallet_ReturnsNull()
    {
        Assert.Null(await Node.Wallets.FindAccountAsync(NewWallet(), Ct));
        Assert.Empty(await Node.Wallets.ListWalletsAsync("acct_nobody", Ct));
    }

    [Fact]
    public async Task GetOrCreateAccountAsync_EightNodesAtOnceForOneWallet_ExactlyOneAccount()
    {
        var database = await Backend.CreateDatabaseAsync();
        var wallet = NewWallet();
        var attempts = new List<Task<WalletOwnership>>();
        for (var i = 0; i < 8; i++)
        {
            var store = NewNode(database).Wallets;
            var account = TestKeys.NewAccount($"attempt {i}");
            attempts.Add(Task.Run(() => store.GetOrCreateAccountAsync(wallet, account, Ct), Ct));
        }

        var results = await Task.WhenAll(attempts);

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.AccountId).Distinct());
        Assert.Equal(1L, await database.CountAsync("accounts", Ct));
        Assert.Equal(1L, await database.CountAsync("wallets", Ct));
    }

    private static WalletAddress NewWallet() =>
        WalletAddress.Parse("0x" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)));
}
