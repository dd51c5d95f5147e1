using Tollway.Gateway.Money.Ledger;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// This node's share of one account's balance: what it has leased and not yet charged, and how much of that current
/// holds reserve. Guarded by its own lock; the lease gate serialises trips to the database for more, and every change
/// of lease (a new one, one lost, one given back) happens under it.
/// </summary>
/// <remarks>
/// A lease is trusted, and held against, only until a deadline a little before its expiry in the database, moved on by
/// each grant and renewal: past its expiry another node may lease that money, so a node that cannot renew (the database
/// is unreachable, or the node was paused) stops holding before then. A lease that is lost — untrusted, not renewed,
/// replaced — is forgotten, and the id moves past it, so the next request for money starts a new lease rather than
/// growing one the node gave up. Holds in flight stay counted across the change: they are charged against whatever
/// lease the purse holds when they settle (the store takes from the account's free balance what that does not cover).
/// Purses are never removed, so lease ids only grow (see <see cref="Ledger.ILedgerStore.AcquireLeaseAsync"/>).
/// </remarks>
internal sealed class AccountPurse(string accountId)
{
    private readonly Lock _lock = new();
    private long _leased;
    private long _held;
    private long _knownBalance;
    private long _leaseId;
    private bool _holdsLease;
    private long _trustedUntil;
    private int _holds;

    public string AccountId { get; } = accountId;

    /// <summary>Holds taken on this purse and not yet resolved (for the metrics).</summary>
    public int Holds => Volatile.Read(ref _holds);

    /// <summary>Counts a hold taken (<paramref name="delta"/> 1) or resolved (-1).</summary>
    public void CountHold(int delta) => Interlocked.Add(ref _holds, delta);

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

    /// <summary>The id of the lease to ask the store to grow: the one held, or the next one when none is.</summary>
    public long LeaseId
    {
        get
        {
            lock (_lock)
            {
                return _leaseId;
            }
        }
    }

    /// <summary>What may still be held at <paramref name="now"/> (timestamp ticks): nothing once the lease is not trusted,
    /// nor while holds carried over from a lost lease take more than the lease holds.</summary>
    public long Free(long now)
    {
        lock (_lock)
        {
            return IsTrusted(now) ? Math.Max(_leased - _held, 0) : 0;
        }
    }

    public bool TryReserve(long amount, long now) => TryReserve(amount, now, out _, out _);

    /// <summary>Reserves <paramref name="amount"/> if the lease is trusted at <paramref name="now"/> and has it free;
    /// <paramref name="free"/> and <paramref name="held"/> are what is free and held after (read under the same lock, for
    /// the refill decision).</summary>
    /// <remarks>A negative amount throws: it would "reserve" by lowering what is held, so that more than the lease
    /// could be held afterwards. A reservation only ever adds to what is held, and never past what the lease has free.</remarks>
    public bool TryReserve(long amount, long now, out long free, out long held)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        lock (_lock)
        {
            free = IsTrusted(now) ? _leased - _held : 0;
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

    /// <summary>
    /// Takes a grant for the lease this purse asked to grow, trusted until <paramref name="trustedUntil"/>. A grant for
    /// another lease (the store started a new one: the old one had expired, or was swept or replaced) replaces the lease
    /// held, whole; returns false when that means a lease the purse held is lost.
    /// </summary>
    public bool AddLease(LeaseGrant grant, long trustedUntil)
    {
        lock (_lock)
        {
            var grew = _holdsLease && grant.LeaseId == _leaseId;
            var lost = _holdsLease && !grew;
            // A new lease is taken whole: it may hold a grant this purse never heard of (an answer lost on the way).
            _leased = grew ? _leased + grant.Granted : grant.NodeLeased;
            _leaseId = grant.LeaseId;
            _holdsLease = true;
            _trustedUntil = trustedUntil;
            _knownBalance = grant.Balance;
            return !lost;
        }
    }

    /// <summary>The lease held, to renew, or <see langword="null"/>.</summary>
    public NodeLease? HeldLease
    {
        get
        {
            lock (_lock)
            {
                return _holdsLease ? new NodeLease(AccountId, _leaseId) : null;
            }
        }
    }

    /// <summary>A renewal kept the lease: it is trusted until <paramref name="trustedUntil"/>, if it is still the one held.</summary>
    public void Renewed(long leaseId, long trustedUntil)
    {
        lock (_lock)
        {
            if (_holdsLease && _leaseId == leaseId)
            {
                _trustedUntil = Math.Max(_trustedUntil, trustedUntil);
            }
        }
    }

    /// <summary>Forgets the lease if it is still the one held; false when it was not.</summary>
    public bool DropLease(long leaseId)
    {
        lock (_lock)
        {
            if (!_holdsLease || _leaseId != leaseId)
            {
                return false;
            }

            Forget();
            return true;
        }
    }

    /// <summary>Forgets the lease if it is held but no longer trusted at <paramref name="now"/>; true when it did.</summary>
    public bool DropUntrustedLease(long now)
    {
        lock (_lock)
        {
            if (!_holdsLease || IsTrusted(now))
            {
                return false;
            }

            Forget();
            return true;
        }
    }

    /// <summary>
    /// Resolves a hold: <paramref name="charged"/> of it leaves the lease for good, the rest is free again. Returns the
    /// lease the charge is paid from, or 0 when the purse holds none (the account's free balance pays it).
    /// </summary>
    public long Resolve(long held, long charged)
    {
        lock (_lock)
        {
            _held -= held;
            _knownBalance -= charged;
            if (!_holdsLease)
            {
                return 0;
            }

            _leased -= charged;
            return _leaseId;
        }
    }

    /// <summary>Puts back a charge that will never be written, if the lease it was taken from is still held: the
    /// database still reserves it there, so the node may hold it again or give it back.</summary>
    public void Refund(long leaseId, long amount)
    {
        lock (_lock)
        {
            if (_holdsLease && _leaseId == leaseId)
            {
                _leased += amount;
                _knownBalance += amount;
            }
        }
    }

    /// <summary>Gives up the lease if nothing is held against it; returns its id and what it had left (to return to the
    /// database), or <see langword="null"/>. What charges in flight still take from it, they take; the rest of the
    /// database's lease then simply expires, not renewed.</summary>
    public (long LeaseId, long Idle)? TakeIdleLease()
    {
        lock (_lock)
        {
            if (_held != 0 || !_holdsLease)
            {
                return null;
            }

            var taken = (_leaseId, _leased);
            Forget();
            return taken;
        }
    }

    private bool IsTrusted(long now) => _holdsLease && now < _trustedUntil;

    /// <summary>Lets go of the lease; the id moves on so that no request grows it again. Holds stay counted.</summary>
    private void Forget()
    {
        _holdsLease = false;
        _leaseId++;
        _leased = 0;
    }
}
