using System.Data.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Money.Pricing;
using Tollway.Gateway.Pipeline.RequestLog;
using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Relational;

namespace Tollway.Storage.Postgres;

/// <summary>Registers the PostgreSQL storage that several gateway nodes share.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>
    /// Stores accounts, keys, the request log, the ledger and runtime prices in the PostgreSQL database named by the
    /// Npgsql connection string, through one pooled <see cref="NpgsqlDataSource"/>.
    /// </summary>
    public static IServiceCollection AddTollwayPostgres(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.TryAddSingleton(sp =>
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            if (sp.GetService<ILoggerFactory>() is { } loggers)
            {
                builder.UseLoggerFactory(loggers);
            }

            // Names the nodes' sessions in pg_stat_activity, unless the operator named them already.
            builder.ConnectionStringBuilder.ApplicationName ??= "tollway";
            return builder.Build();
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDatabaseMigrator, PostgresMigrator>();
        services.TryAddSingleton<IDatabaseHealth, PostgresDatabaseHealth>();
        services.TryAddSingleton<IAccountStore, PostgresAccountStore>();
        services.AddTollwayChainStores<PostgresWalletStore, PostgresUsedSignInNonceStore, PostgresX402AuthorizationStore>(OpenConnectionAsync);
        services.TryAddSingleton<IApiKeyStore, PostgresApiKeyStore>();
        services.TryAddSingleton<IRequestLogSink, PostgresRequestLogSink>();
        services.TryAddSingleton<ILedgerStore, PostgresLedgerStore>();
        services.TryAddSingleton<ILedgerQueries, PostgresLedgerQueries>();
        services.TryAddSingleton<IPricingStore, PostgresPricingStore>();
        return services;
    }

    private static async Task<DbConnection> OpenConnectionAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
}
