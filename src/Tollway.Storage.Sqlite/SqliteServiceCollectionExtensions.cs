using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Accounts;
using Tollway.Gateway.Deposits;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Pricing;
using Tollway.Gateway.RequestLog;
using Tollway.Gateway.Storage;
using Tollway.Gateway.Wallets;
using Tollway.Gateway.X402;

namespace Tollway.Storage.Sqlite;

/// <summary>Registers the embedded SQLite storage.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>Stores accounts, keys and the request log in the file named by <c>Database:SqlitePath</c>.</summary>
    public static IServiceCollection AddTollwaySqlite(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.SqlitePath));
        services.TryAddSingleton<IDatabaseMigrator, SqliteMigrator>();
        services.TryAddSingleton<IDatabaseHealth, SqliteDatabaseHealth>();
        services.TryAddSingleton<IAccountStore, SqliteAccountStore>();
        services.TryAddSingleton<IWalletStore, SqliteWalletStore>();
        services.TryAddSingleton<IUsedSignInNonceStore, SqliteUsedSignInNonceStore>();
        services.TryAddSingleton<IDepositStore>(sp => new SqlDepositStore(async ct => await sp.GetRequiredService<SqliteDatabase>().OpenAsync(ct)));
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.TryAddSingleton<IRequestLogSink, SqliteRequestLogSink>();
        services.TryAddSingleton<IX402AuthorizationStore, SqliteX402AuthorizationStore>();
        services.TryAddSingleton<ILedgerStore, SqliteLedgerStore>();
        services.TryAddSingleton<ILedgerQueries, SqliteLedgerQueries>();
        services.TryAddSingleton<IPricingStore, SqlitePricingStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }
}
