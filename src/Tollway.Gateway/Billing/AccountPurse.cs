namespace Tollway.Gateway.Billing;

/// <summary>
/// This node's share of one account's balance: what it has leased and not yet charged, and how much of that current
/// holds reserve. Guarded by its own lock; the lease gate serialises trips to the database for more.
/// </summary>
internal sealed class AccountPurse(string accountId)
{
    private readonly Lock _lock = new();
    private long _leased;
    private long _held;
    private long _knownBalance;

    public string AccountId { get; } = accountId;

    /// <summary>Serialises lease requests so a burst of holds asks the database once, not once each.</summary>
    public SemaphoreSlim LeaseGate { get; } = new(1, 1);

    /// <summary>Until when a lease request is not retried after finding no free balance.</summary>
    public long ExhaustedUntilTimestamp { get; set; }

    /// <summary>When the last hold was taken or resolved (timestamp ticks).</summary>
    public long LastActivityTimestamp { get; set; }

    public long Leased
    {
        get
        {
            lock (_lock)
            {
                return _leased;
            }
        }
    }

    public long Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>The account's balance as this node last saw it, less what it charged since.</summary>
    public long KnownBalance
    {
        get
        {
            lock (_lock)
            {
                return _knownBalance;
            }
        }
    }

    public bool TryReserve(long amount)
    {
        lock (_lock)
        {
            if (_leased - _held < amount)
            {
                return false;
            }

            _held += amount;
            return true;
        }
    }

    public void AddLease(long granted, long balance)
    {
        lock (_lock)
        {
            _leased += granted;
            _knownBalance = balance;
        }
    }

    /// <summary>Resolves a hold: <paramref name="charged"/> of it leaves the lease for good, the rest is free again.</summary>
    public void Resolve(long held, long charged)
    {
        lock (_lock)
        {
            _held -= held;
            _leased -= charged;
            _knownBalance -= charged;
        }
    }

    /// <summary>Takes back the whole unheld lease (to return it to the database); returns the amount taken.</summary>
    public long TakeIdleLease()
    {
        lock (_lock)
        {
            if (_held != 0)
            {
                return 0;
            }

            var idle = _leased;
            _leased = 0;
            return idle;
        }
    }
}
