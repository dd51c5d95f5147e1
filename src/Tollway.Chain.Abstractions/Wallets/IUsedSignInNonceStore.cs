namespace Tollway.Chain.Wallets;

/// <summary>
/// The sign-in nonces that have signed a wallet in, shared by every node. Nonces are issued without storage (signed,
/// their expiry inside); this is what makes each one sign in once, whichever nodes it is presented to.
/// </summary>
public interface IUsedSignInNonceStore
{
    /// <summary>
    /// Records the nonce as used: true for exactly one caller on any node, false when it was used before. Nonces that
    /// expired before <paramref name="forgetBefore"/> are forgotten in the same call, so the store holds no more than the
    /// sign-ins of one nonce lifetime (and that margin).
    /// </summary>
    Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken);
}
