namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// A movement of money: postings that sum to zero, under a reference that is unique for ever, so posting the same
/// transaction twice (a retried credit, a replayed deposit) changes nothing the second time.
/// </summary>
public sealed record LedgerTransaction
{
    /// <summary>Creates a transaction, refusing postings that do not balance, and charges (see <see cref="ILedgerStore.CommitChargesAsync"/>).</summary>
    public LedgerTransaction(string reference, LedgerTransactionKind kind, DateTimeOffset createdAt, IReadOnlyList<Posting> postings, string? memo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        // A charge is stored as its charge row, which is its journal entry and owns the references it derives; a
        // transaction posted beside it under such a reference would make that reference mean two things.
        if (kind == LedgerTransactionKind.Charge || reference.StartsWith(ChargeRecord.ReferencePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException("Charges are committed as charge records (ILedgerStore.CommitChargesAsync), not posted as transactions.", nameof(kind));
        }

        if (postings.Count < 2 || postings.Sum(p => p.Amount) != 0 || postings.Any(p => p.Amount == 0))
        {
            throw new ArgumentException("A transaction needs at least two non-zero postings that sum to zero.", nameof(postings));
        }

        Reference = reference;
        Kind = kind;
        CreatedAt = createdAt;
        Postings = postings;
        Memo = memo;
    }

    /// <summary>Unique for ever: <c>charge:gen-…</c>, <c>credit:…</c> with the operator's idempotency key, and so on.</summary>
    public string Reference { get; }

    /// <summary>Why the money moved.</summary>
    public LedgerTransactionKind Kind { get; }

    /// <summary>When.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>The legs; they sum to zero.</summary>
    public IReadOnlyList<Posting> Postings { get; }

    /// <summary>The operator's reason, for credits and debits. Never prompt text.</summary>
    public string? Memo { get; }

    /// <summary>Each ledger account's net movement: what the transaction adds to (or takes from) its cached balance.</summary>
    public Dictionary<string, long> NetMovements()
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var posting in Postings)
        {
            sums[posting.Account] = checked(sums.GetValueOrDefault(posting.Account) + posting.Amount);
        }

        return sums;
    }

    /// <summary>What the transaction takes from each customer's ledger account, net of what it pays into the same one.</summary>
    public Dictionary<string, long> CustomerDebits() =>
        NetMovements().Where(m => m.Value < 0 && LedgerAccounts.IsUser(m.Key)).ToDictionary(m => m.Key, m => -m.Value, StringComparer.Ordinal);

    /// <summary>
    /// The insufficient-funds rule of <see cref="ILedgerStore.PostAsync"/>: whether each customer the transaction takes
    /// from (<see cref="CustomerDebits"/>) has that much free, by <paramref name="freeBalances"/> (each one's balance less
    /// its live leases, read by the store under its lock, by ledger account; a customer not in it has nothing free).
    /// </summary>
    public bool IsCoveredBy(IReadOnlyDictionary<string, long> freeBalances) =>
        CustomerDebits().All(debit => freeBalances.GetValueOrDefault(debit.Key) >= debit.Value);

    /// <summary>A transfer of <paramref name="amount"/> from one account to another.</summary>
    public static LedgerTransaction Transfer(
        string reference, LedgerTransactionKind kind, DateTimeOffset createdAt, string from, string to, long amount, string? memo = null) =>
        new(reference, kind, createdAt, [new Posting(from, -amount), new Posting(to, amount)], memo);
}
