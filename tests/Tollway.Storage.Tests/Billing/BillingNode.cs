using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Storage.Tests.Billing;

/// <summary>
/// One gateway node's money path over a real database: its balance book, charge writer and lease keeper, with a node
/// id of its own and the clock given. The keeper is not started: tests run its rounds when they choose, so that
/// nothing happens behind their back. The writer runs (it is what makes a settle durable).
/// </summary>
internal sealed class BillingNode : IAsyncDisposable
{
    private BillingNode(BalanceBook book, ChargeWriter writer, LeaseKeeper keeper)
    {
        Book = book;
        Writer = writer;
        Keeper = keeper;
    }

    public BalanceBook Book { get; }

    public ChargeWriter Writer { get; }

    public LeaseKeeper Keeper { get; }

    public static async Task<BillingNode> StartAsync(ILedgerStore store, IDatabaseHealth database, TimeProvider time, BillingOptions? billing = null)
    {
        var options = Options.Create(billing ?? new BillingOptions());
        var writer = new ChargeWriter(store, database, time, NullLogger<ChargeWriter>.Instance);
        var book = new BalanceBook(store, writer, new NodeIdentity(), options, time, NullLogger<BalanceBook>.Instance, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));
        var keeper = new LeaseKeeper(book, store, options, time, NullLogger<LeaseKeeper>.Instance);
        await writer.StartAsync(CancellationToken.None);
        return new BillingNode(book, writer, keeper);
    }

    /// <summary>The purse of an account on this node, once a hold made one.</summary>
    public AccountPurse Purse(string accountId) => Book.Purses.Single(p => p.AccountId == accountId);

    /// <summary>Waits until no lease request runs in the background (a refill started by a hold).</summary>
    public async Task SettleDownAsync()
    {
        foreach (var purse in Book.Purses)
        {
            await purse.LeaseGate.WaitAsync();
            purse.LeaseGate.Release();
        }
    }

    /// <summary>Stops the writer (it writes out what is queued); leases are left as they are, as a node that dies leaves them.</summary>
    public async ValueTask DisposeAsync()
    {
        await SettleDownAsync();
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Keeper.Dispose();
    }
}
