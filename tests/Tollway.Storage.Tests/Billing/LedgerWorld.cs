using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Identifiers;
using Tollway.Gateway.Wire;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Billing;

/// <summary>
/// Two accounts and two gateway nodes (balance book, charge writer, lease keeper each) over one database, on one fake
/// clock, for one random history of <see cref="LedgerStep"/>s: applies the steps and checks the ledger's invariants
/// after each. Accounts are new for each history, so histories never see one another's money.
/// </summary>
internal sealed class LedgerWorld : IAsyncDisposable
{
    private const long Usd = UsdAmount.NanosPerUsd;
    // A lease of a whole dollar takes most balances whole (credits are tenths of a dollar), so nodes contend for money.
    private static readonly BillingOptions Billing = new() { LeaseChunkUsd = "1" };

    private readonly TestDatabase _database;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string[] _accounts = [RandomIds.New("acct_"), RandomIds.New("acct_")];
    private readonly BillingNode[] _nodes = new BillingNode[2];
    private readonly List<StorageNode> _storage = [];
    private readonly HashSet<BillingNode> _dead = [];
    private readonly List<(Hold Hold, BillingNode Node)> _holds = [];
    private readonly HashSet<string> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _credited = new(StringComparer.Ordinal);
    private ILedgerStore _ledger = null!;

    private LedgerWorld(TestDatabase database) => _database = database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<LedgerWorld> StartAsync(TestDatabase database)
    {
        var world = new LedgerWorld(database);
        world._nodes[0] = await world.NewNodeAsync();
        world._nodes[1] = await world.NewNodeAsync();
        world._ledger = world._storage[0].Ledger;
        return world;
    }

    public async Task ApplyAsync(LedgerStep step)
    {
        switch (step.Kind)
        {
            case LedgerStepKind.Credit:
                await CreditAsync(_accounts[step.Account], step.Pick);
                break;
            case LedgerStepKind.Hold:
                if ((await _nodes[step.Node].Book.TryHoldAsync(_accounts[step.Account], step.Amount, Ct)).Hold is { } hold)
                {
                    _holds.Add((hold, _nodes[step.Node]));
                }

                break;
            case LedgerStepKind.Settle:
                await SettleAsync(step.Pick, step.Amount);
                break;
            case LedgerStepKind.Void:
                if (Pick(step.Pick) is { } voided)
                {
                    voided.Node.Book.Void(voided.Hold);
                }

                break;
            case LedgerStepKind.Tick:
                _time.Advance(TimeSpan.FromSeconds(step.Amount));
                break;
            case LedgerStepKind.Expire:
                _time.Advance(Billing.LeaseTtl + TimeSpan.FromSeconds(step.Amount));
                break;
            case LedgerStepKind.Keep:
                await _nodes[step.Node].Keeper.RunOnceAsync(Ct);
                break;
            case LedgerStepKind.Lose:
                // Dies as a process does: its requests in flight die with it, its leases stay behind until they expire.
                _dead.Add(_nodes[step.Node]);
                await _nodes[step.Node].DisposeAsync();
                _nodes[step.Node] = await NewNodeAsync();
                break;
        }

        foreach (var node in _nodes)
        {
            await node.SettleDownAsync();
        }
    }

    /// <summary>
    /// What must hold after every step: no balance below zero, nor below what live leases reserve of it; every purse that
    /// can hold money now holds it against a live lease of its own in the database that has at least as much; and every
    /// purse counts exactly the holds still open against it, so none resolved twice.
    /// </summary>
    public async Task CheckAsync()
    {
        var now = _time.GetTimestamp();
        var leases = await LeasesAsync();
        foreach (var account in _accounts)
        {
            var balance = await _ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct);
            var leased = await _ledger.GetLeasedAsync(account, Ct);
            Assert.True(balance >= 0, $"{account}: balance {balance}");
            Assert.True(balance - leased >= 0, $"{account}: balance {balance} less live leases {leased}");
            foreach (var node in _nodes)
            {
                var purse = node.Book.Purses.SingleOrDefault(p => p.AccountId == account);
                if (purse is null)
                {
                    continue;
                }

                var open = _holds.Where(h => h.Node == node && h.Hold.AccountId == account && !h.Hold.IsResolved).Sum(h => h.Hold.Amount);
                Assert.Equal(open, purse.Held);
                if (purse.Free(now) > 0)
                {
                    var lease = purse.HeldLease!.Value;
                    var row = leases.GetValueOrDefault((account, node.Book.NodeId, lease.LeaseId));
                    Assert.True(row >= purse.Leased, $"{account}: node holds against {purse.Leased} of lease {lease.LeaseId}, the database has {row} live");
                }
            }
        }
    }

    /// <summary>At the end: the books balance (postings sum to zero), and each balance is what was credited (each
    /// reference once) less what was charged.</summary>
    public async Task CheckBooksAsync()
    {
        var books = await _storage[0].Queries.ReconcileAsync(Ct);
        Assert.True(books.IsBalanced, string.Join(", ", books.UnbalancedTransactions.Concat(books.CachedBalanceMismatches)));
        foreach (var account in _accounts)
        {
            var charged = await _database.ScalarInt64Async($"SELECT COALESCE(SUM(provider_cost + markup), 0) FROM charges WHERE account_id = '{account}'", Ct);
            Assert.Equal(_credited.GetValueOrDefault(account) - charged, await _ledger.GetBalanceAsync(LedgerAccounts.User(account), Ct));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        foreach (var storage in _storage)
        {
            await storage.DisposeAsync();
        }
    }

    private async Task<BillingNode> NewNodeAsync()
    {
        var storage = _database.NewNode(_time);
        _storage.Add(storage);
        return await BillingNode.StartAsync(storage.Ledger, storage.Health, _time, Billing);
    }

    private async Task CreditAsync(string account, int reference)
    {
        var amount = (reference + 1) * Usd / 10;
        var credit = LedgerTransaction.Transfer(
            $"credit:{account}:{reference}", LedgerTransactionKind.Credit, _time.GetUtcNow(), LedgerAccounts.Deposits, LedgerAccounts.User(account), amount);
        var first = _references.Add(credit.Reference);

        var outcome = await _ledger.PostAsync(credit, Ct);

        Assert.Equal(first ? PostOutcome.Posted : PostOutcome.Duplicate, outcome);
        if (first)
        {
            _credited[account] = _credited.GetValueOrDefault(account) + amount;
            foreach (var node in _nodes)
            {
                node.Book.NotifyCredited(account);
            }
        }
    }

    private async Task SettleAsync(int pick, long cost)
    {
        if (Pick(pick) is not { } picked)
        {
            return;
        }

        var resolvedBefore = picked.Hold.IsResolved;
        var charge = new ChargeRecord
        {
            RequestId = "gen-" + Guid.NewGuid().ToString("N"),
            AccountId = picked.Hold.AccountId,
            Model = "gpt-4o-mini",
            Provider = "openai",
            UpstreamModel = "gpt-4o-mini",
            ProviderCost = cost - (cost / 5),
            Markup = cost / 5,
            CreatedAt = _time.GetUtcNow(),
        };

        var settled = await picked.Node.Book.SettleAsync(picked.Hold, charge, Ct);

        // A hold resolves once: settling it again does nothing; a charge above the hold is cut to the hold.
        Assert.Equal(resolvedBefore, settled is null);
        if (settled is not null)
        {
            Assert.Equal(Math.Min(cost, picked.Hold.Amount), settled.Total);
        }
    }

    /// <summary>One of the holds taken so far (open or not), unless its node died with it.</summary>
    private (Hold Hold, BillingNode Node)? Pick(int pick)
    {
        if (_holds.Count == 0)
        {
            return null;
        }

        var picked = _holds[pick % _holds.Count];
        return _dead.Contains(picked.Node) ? null : picked;
    }

    /// <summary>The live leases on the two accounts, by account, node and id.</summary>
    private async Task<Dictionary<(string Account, string Node, long Lease), long>> LeasesAsync()
    {
        var rows = await _database.RowsAsync(
            $"SELECT account_id, node_id, lease_id, amount FROM balance_leases WHERE account_id IN ('{_accounts[0]}', '{_accounts[1]}') AND expires_at > {_time.GetUtcNow().ToUnixTimeMilliseconds()}",
            Ct);
        return rows.ToDictionary(
            r => ((string)r[0]!, (string)r[1]!, Convert.ToInt64(r[2], CultureInfo.InvariantCulture)),
            r => Convert.ToInt64(r[3], CultureInfo.InvariantCulture));
    }
}
