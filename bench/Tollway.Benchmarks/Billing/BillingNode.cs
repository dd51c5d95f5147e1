using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Benchmarks.Billing;

/// <summary>
/// One gateway node's billing, wired as <c>AddTollwayGateway</c> wires it (see its <c>AddBilling</c>): a backend's real
/// ledger store, the charge writer, the lease keeper and the storage's background services running as the hosted
/// services they are, and the balance book. The database is migrated by the real migrator and one account is funded through <see cref="ILedgerStore.PostAsync"/>.
/// Default billing options: leases of $1, renewed by the keeper. The node owns its database and deletes it when disposed.
/// </summary>
internal sealed class BillingNode : IAsyncDisposable
{
    public const string AccountId = "acct_bench";

    private readonly IBenchmarkStorage _storage;
    private readonly ServiceProvider _services;
    private readonly IHostedService[] _hosted;

    private BillingNode(IBenchmarkStorage storage, ServiceProvider services, IHostedService[] hosted)
    {
        _storage = storage;
        _services = services;
        _hosted = hosted;
        Book = services.GetRequiredService<BalanceBook>();
    }

    public BalanceBook Book { get; }

    public ILedgerStore Ledger => _services.GetRequiredService<ILedgerStore>();

    public IRequestLogSink RequestLog => _services.GetRequiredService<IRequestLogSink>();

    public string NodeId => Book.NodeId;

    public static async Task<BillingNode> StartAsync(IBenchmarkStorage storage, long credit, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        // No logging provider: nothing is written, as on a node whose log level hides the billing path's messages.
        services.AddLogging();
        services.AddOptions<BillingOptions>();
        services.AddSingleton(TimeProvider.System);
        storage.AddTo(services);
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<ChargeWriter>();
        services.AddSingleton<BalanceBook>();
        services.AddSingleton<LeaseKeeper>();
        var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(cancellationToken);
        var funded = await provider.GetRequiredService<ILedgerStore>().PostAsync(
            LedgerTransaction.Transfer("credit:bench", LedgerTransactionKind.Credit, TimeProvider.System.GetUtcNow(),
                LedgerAccounts.Deposits, LedgerAccounts.User(AccountId), credit, "benchmark funds"),
            cancellationToken);
        if (funded != PostOutcome.Posted)
        {
            throw new InvalidOperationException($"Funding the benchmark account failed: {funded}.");
        }

        // Started in the gateway's order and stopped in reverse: the writer drains its queue before the leases go back;
        // the storage's own services (SQLite's checkpointer) come after the gateway's, as the host registers them.
        IHostedService[] hosted =
            [provider.GetRequiredService<LeaseKeeper>(), provider.GetRequiredService<ChargeWriter>(), .. provider.GetServices<IHostedService>()];
        foreach (var service in hosted)
        {
            await service.StartAsync(cancellationToken);
        }

        return new BillingNode(storage, provider, hosted);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _hosted.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        await _storage.DisposeAsync();
    }
}
