namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Money reserved for one request until it is known what the request cost. It resolves exactly once: settled (for at
/// most what was held) or voided; any later attempt to resolve it again does nothing.
/// </summary>
public sealed class Hold
{
    private readonly AccountPurse _purse;
    private int _resolved;

    internal Hold(AccountPurse purse, long amount)
    {
        // A negative hold would add to what the purse has free: refused where it is made, not only where it resolves.
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        _purse = purse;
        Amount = amount;
        purse.CountHold(1);
    }

    /// <summary>The account whose balance is held.</summary>
    public string AccountId => _purse.AccountId;

    /// <summary>Nano-USD held.</summary>
    public long Amount { get; }

    /// <summary>Whether it was settled or voided already.</summary>
    public bool IsResolved => Volatile.Read(ref _resolved) != 0;

    /// <summary>The account's balance as this node knows it, after the charges it made.</summary>
    public long KnownBalance => _purse.KnownBalance;

    /// <summary>Marks the hold resolved, charging <paramref name="charged"/> (at most the held amount); false if it was
    /// resolved before. <paramref name="leaseId"/> is the lease the charge is paid from (0: none, see <see cref="AccountPurse.Resolve"/>).</summary>
    internal bool TryResolve(long charged, long timestamp, out long leaseId)
    {
        leaseId = 0;
        if (Interlocked.Exchange(ref _resolved, 1) != 0)
        {
            return false;
        }

        _purse.CountHold(-1);
        leaseId = _purse.Resolve(Amount, Math.Clamp(charged, 0, Amount));
        _purse.LastActivityTimestamp = timestamp;
        return true;
    }
}
