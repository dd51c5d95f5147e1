namespace Tollway.Gateway.Money.Ledger;

/// <summary>A recorded transaction as the journal lists it; <see cref="Sequence"/> orders entries and pages through them.</summary>
public sealed record JournalEntry(
    long Sequence, string Reference, LedgerTransactionKind Kind, DateTimeOffset CreatedAt, string? Memo, IReadOnlyList<Posting> Postings);
