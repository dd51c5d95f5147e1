using Tollway.Chain.Wallets;

namespace Tollway.Chain.SignIn;

/// <summary>A sign-in's outcome: a session for the wallet's account, or the reason it was refused.</summary>
public sealed record SignInResult(
    SignInFailure? Failure, string? Reason, WalletAddress Wallet, string? AccountId, bool AccountCreated, string? Token, DateTimeOffset? ExpiresAt, long Claimed)
{
    /// <summary>A refusal.</summary>
    public static SignInResult Refused(SignInFailure failure, string reason) => new(failure, reason, default, null, false, null, null, 0);
}
