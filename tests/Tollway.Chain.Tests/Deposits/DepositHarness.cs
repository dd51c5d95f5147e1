using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;
using Tollway.Chain.Hosting;
using Tollway.Chain.Rpc;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Sqlite;
using Tollway.Testing.Chain;

namespace Tollway.Chain.Tests.Deposits;

/// <summary>
/// One gateway process's deposit machinery over a SQLite file and a chain URL: the real stores, ledger, crediting and
/// scanner as the host registers them. Several harnesses over one file are restarts of the same gateway.
/// </summary>
public sealed class DepositHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DepositHarness(ServiceProvider services, ChainSettings chain)
    {
        _services = services;
        Chain = chain;
        Scanner = services.GetRequiredService<DepositScannerFactory>().Create(chain);
    }

    /// <summary>Retries that give up within a tenth of a second: for tests where an RPC failure is the point.</summary>
    public static RpcRetryPolicy QuickRetry { get; } = new(4, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(10));

    public ChainSettings Chain { get; }

    public DepositScanner Scanner { get; }

    public IDepositStore Deposits => _services.GetRequiredService<IDepositStore>();

    public IWalletStore Wallets => _services.GetRequiredService<IWalletStore>();

    public ILedgerStore Ledger => _services.GetRequiredService<ILedgerStore>();

    public DepositCrediting Crediting => _services.GetRequiredService<DepositCrediting>();

    public DepositReconciler Reconciler => _services.GetRequiredService<DepositReconciler>();

    /// <summary>Everything the chain module registered: the watcher, its health check, the meter factory.</summary>
    public IServiceProvider Services => _services;

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "tollway-chain-tests", Guid.NewGuid().ToString("N") + ".db");

    /// <summary>Starts over <paramref name="databasePath"/> (migrated here) watching <paramref name="treasury"/> for the token
    /// (an EIP-3009 token, as the test token is), through <paramref name="rpcUrl"/> and then any <paramref name="backupRpcUrls"/>.</summary>
    public static async Task<DepositHarness> StartAsync(
        string databasePath, Uri rpcUrl, long chainId, TestToken token, string treasury, int depth = 3, int maxBlockRange = 2000,
        long? startBlock = 0, int tokenDecimals = TestToken.Decimals, RpcRetryPolicy? retry = null, string? confirmations = null,
        IReadOnlyList<Uri>? backupRpcUrls = null, TimeSpan? pollInterval = null)
    {
        var chains = new ChainsOptions();
        chains["local"] = new ChainOptions
        {
            Preset = ChainPresets.Custom,
            ChainId = chainId,
            RpcUrls = [rpcUrl.ToString(), .. (backupRpcUrls ?? []).Select(u => u.ToString())],
            Confirmations = confirmations ?? depth.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Treasury = treasury,
            StartBlock = startBlock,
            MaxBlockRange = maxBlockRange,
            PollInterval = pollInterval ?? TimeSpan.FromSeconds(5),
            Tokens = new(StringComparer.OrdinalIgnoreCase)
            {
                ["TUSD"] = new() { Address = token.Address, Decimals = tokenDecimals, Eip712Name = token.Name, Eip712Version = token.Version },
            },
        };
        var services = new ServiceCollection();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { SqlitePath = databasePath }));
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(chains));
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(retry ?? RpcRetryPolicy.Default);
        services.AddTollwaySqlite();
        services.AddTollwayChain();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);
        return new DepositHarness(provider, provider.GetRequiredService<ChainRegistry>().All[0]);
    }

    /// <summary>Scans until the scanner reports it reached the head (bounded).</summary>
    public async Task ScanToHeadAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            if (await Scanner.ScanOnceAsync(TestContext.Current.CancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException("The scanner did not reach the head in 200 steps.");
    }

    /// <summary>A wallet's account, created as a sign-in would.</summary>
    public async Task<string> SignUpAsync(string wallet)
    {
        var account = new Account(Gateway.Platform.Identifiers.RandomIds.New(Account.IdPrefix), "wallet", DateTimeOffset.UtcNow);
        return (await Wallets.GetOrCreateAccountAsync(WalletAddress.Parse(wallet), account, TestContext.Current.CancellationToken)).AccountId;
    }

    public Task<long> BalanceAsync(string accountId) => Ledger.GetBalanceAsync(LedgerAccounts.User(accountId), TestContext.Current.CancellationToken);

    public Task<IReadOnlyList<Deposit>> DepositsOfAsync(string accountId) => Deposits.ListByAccountAsync(accountId, 100, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
