using System.Data.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Relational;

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
        services.AddTollwayChainStores<SqliteWalletStore, SqliteUsedSignInNonceStore, SqliteX402AuthorizationStore>(OpenConnectionAsync);
        services.TryAddSingleton<IApiKeyStore, SqliteApiKeyStore>();
        services.TryAddSingleton<IRequestLogSink, SqliteRequestLogSink>();
        services.TryAddSingleton<ILedgerStore, SqliteLedgerStore>();
        services.TryAddSingleton<ILedgerQueries, SqliteLedgerQueries>();
        services.TryAddSingleton<IPricingStore, SqlitePricingStore>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }

    private static async Task<DbConnection> OpenConnectionAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<SqliteDatabase>().OpenAsync(cancellationToken);
}
