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

    public bool TryReserve(long amount) => TryReserve(amount, out _, out _);

    /// <summary>Reserves <paramref name="amount"/> if the lease has it free; <paramref name="free"/> and
    /// <paramref name="held"/> are what is free and held after (read under the same lock, for the refill decision).</summary>
    /// <remarks>A negative amount throws: it would "reserve" by lowering what is held, so that more than the lease
    /// could be held afterwards. With amounts of at least zero, 0 ≤ held ≤ leased holds after every reservation.</remarks>
    public bool TryReserve(long amount, out long free, out long held)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (_lock)
        {
            free = _leased - _held;
            held = _held;
            if (free < amount)
            {
                return false;
            }

            _held += amount;
            free -= amount;
            held = _held;
            return true;
        }
    }

    /// <summary>
    /// How much to lease at once: the configured chunk, or what the holds in flight reserve now if that is more. Holds
    /// come back mostly unspent (a hold is a worst case), so a lease as large as what is held in flight lasts for many
    /// rounds of requests, however many run at once.
    /// </summary>
    public long LeaseWanted(long chunk)
    {
        lock (_lock)
        {
            return LeaseWanted(chunk, _held);
        }
    }

    /// <summary><see cref="LeaseWanted(long)"/> for a held amount the caller read already.</summary>
    public static long LeaseWanted(long chunk, long held) => Math.Max(chunk, held);

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
