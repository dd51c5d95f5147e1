namespace Tollway.Chain.Wallets;

/// <summary>The account a wallet owns, and whether this call created it (a first sign-in or a first payment).</summary>
public sealed record WalletOwnership(WalletAddress Wallet, string AccountId, bool Created);
