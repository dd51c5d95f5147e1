using Tollway.Gateway.Access.Accounts;

namespace Tollway.Chain.Wallets;

/// <summary>
/// Which account each wallet owns. A wallet owns exactly one account for ever; sign-in (SIWE), deposits and x402
/// payments all find the account through here.
/// </summary>
public interface IWalletStore
{
    /// <summary>
    /// The account the wallet owns, creating <paramref name="newAccount"/> and the link in one transaction when the
    /// wallet has none. Atomic across nodes: of several concurrent first calls for one wallet exactly one creates,
    /// and the others return that account (their <paramref name="newAccount"/> is not stored).
    /// </summary>
    Task<WalletOwnership> GetOrCreateAccountAsync(WalletAddress wallet, Account newAccount, CancellationToken cancellationToken);

    /// <summary>The account the wallet owns, or <see langword="null"/> when it has none yet.</summary>
    Task<string?> FindAccountAsync(WalletAddress wallet, CancellationToken cancellationToken);

    /// <summary>The wallets that own an account (one, for accounts made by a wallet; none for operator-made ones).</summary>
    Task<IReadOnlyList<WalletAddress>> ListWalletsAsync(string accountId, CancellationToken cancellationToken);
}
