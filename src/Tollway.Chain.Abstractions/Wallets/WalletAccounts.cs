using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Chain.Wallets;

/// <summary>
/// The account an x402 payer's wallet owns, made on its first payment: the x402 gate and the deposit watcher (which
/// credits an x402 payment whose gate credit never happened) must land the same payment on the same account.
/// </summary>
public static class WalletAccounts
{
    /// <summary>The wallet's account, created (named after the wallet) when it has none.</summary>
    public static Task<WalletOwnership> GetOrCreateAsync(this IWalletStore wallets, WalletAddress wallet, DateTimeOffset now, CancellationToken cancellationToken) =>
        wallets.GetOrCreateAccountAsync(wallet, new Account(RandomIds.New(Account.IdPrefix), $"wallet {wallet.Value}", now), cancellationToken);
}
