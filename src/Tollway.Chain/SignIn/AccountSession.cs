using Tollway.Chain.Wallets;

namespace Tollway.Chain.SignIn;

/// <summary>A signed-in wallet's session: the account it owns and when the session ends.</summary>
public sealed record AccountSession(string AccountId, WalletAddress Wallet, DateTimeOffset ExpiresAt);
