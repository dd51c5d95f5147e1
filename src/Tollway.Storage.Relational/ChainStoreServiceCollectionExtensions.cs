using System.Data.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;
using Tollway.Chain.X402;

namespace Tollway.Storage.Relational;

/// <summary>Registers a SQL backend's stores of the chain's data, beside the deposit store both backends share.</summary>
internal static class ChainStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the backend's wallet, sign-in nonce and x402 authorization stores, and <see cref="SqlDepositStore"/> over the
    /// connections <paramref name="open"/> opens (its SQL is the same on both backends, so it is written once).
    /// </summary>
    public static IServiceCollection AddTollwayChainStores<TWallets, TNonces, TAuthorizations>(
        this IServiceCollection services, Func<IServiceProvider, CancellationToken, Task<DbConnection>> open)
        where TWallets : class, IWalletStore
        where TNonces : class, IUsedSignInNonceStore
        where TAuthorizations : class, IX402AuthorizationStore
    {
        services.TryAddSingleton<IWalletStore, TWallets>();
        services.TryAddSingleton<IUsedSignInNonceStore, TNonces>();
        services.TryAddSingleton<IDepositStore>(sp => new SqlDepositStore(cancellationToken => open(sp, cancellationToken)));
        services.TryAddSingleton<IX402AuthorizationStore, TAuthorizations>();
        return services;
    }
}
