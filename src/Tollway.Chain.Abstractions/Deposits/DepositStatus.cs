namespace Tollway.Chain.Deposits;

/// <summary>Where a deposit is in its life.</summary>
public enum DepositStatus
{
    /// <summary>Seen on chain, not yet at the confirmation depth: shown, not spendable.</summary>
    Pending = 1,

    /// <summary>At depth and credited to the sending wallet's account.</summary>
    Credited = 2,

    /// <summary>At depth, but the sending wallet has no account yet: its first sign-in claims it.</summary>
    Unclaimed = 3,

    /// <summary>A reorganisation dropped it before it reached depth; never credited.</summary>
    Removed = 4,
}
