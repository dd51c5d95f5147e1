using Microsoft.Extensions.DependencyInjection;
using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>
/// One gateway node's view of a test database: the stores as the backend's registration builds them, with their own
/// connection pool and their own clock. Several nodes over one database are several gateway processes.
/// </summary>
public sealed class StorageNode(ServiceProvider services) : IAsyncDisposable
{
    public IDatabaseMigrator Migrator => services.GetRequiredService<IDatabaseMigrator>();

    public IDatabaseHealth Health => services.GetRequiredService<IDatabaseHealth>();

    public IAccountStore Accounts => services.GetRequiredService<IAccountStore>();

    public IApiKeyStore Keys => services.GetRequiredService<IApiKeyStore>();

    public IRequestLogSink RequestLog => services.GetRequiredService<IRequestLogSink>();

    public ILedgerStore Ledger => services.GetRequiredService<ILedgerStore>();

    public ILedgerQueries Queries => services.GetRequiredService<ILedgerQueries>();

    public IPricingStore Pricing => services.GetRequiredService<IPricingStore>();

    public IWalletStore Wallets => services.GetRequiredService<IWalletStore>();

    public IUsedSignInNonceStore SignInNonces => services.GetRequiredService<IUsedSignInNonceStore>();

    public IDepositStore Deposits => services.GetRequiredService<IDepositStore>();
    public IX402AuthorizationStore X402 => services.GetRequiredService<IX402AuthorizationStore>();

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
