namespace Tollway.Gateway.Money.Ledger;

/// <summary>
/// What one request cost and why: its tokens, the provider's price applied to them and the markup on top. Shown by
/// <c>GET /api/v1/generation</c>. Stored as one row that is also the charge's journal entry: its postings follow from
/// the split (<see cref="PostingsOf"/>), so they always balance and need no rows of their own.
/// </summary>
public sealed record ChargeRecord
{
    /// <summary>The request id (<c>gen-…</c>); the charge's reference is <c>charge:</c> + this.</summary>
    public required string RequestId { get; init; }

    /// <summary>The account paying.</summary>
    public required string AccountId { get; init; }

    /// <summary>The key used, when there was one.</summary>
    public string? KeyId { get; init; }

    /// <summary>The public model.</summary>
    public required string Model { get; init; }

    /// <summary>The provider that served it.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's model id.</summary>
    public required string UpstreamModel { get; init; }

    /// <summary>Prompt tokens, cached ones included.</summary>
    public int PromptTokens { get; init; }

    /// <summary>Completion tokens, reasoning ones included.</summary>
    public int CompletionTokens { get; init; }

    /// <summary>Prompt tokens read from the provider's cache.</summary>
    public int CachedTokens { get; init; }

    /// <summary>Prompt tokens written to the provider's cache.</summary>
    public int CacheWriteTokens { get; init; }

    /// <summary>Reasoning tokens.</summary>
    public int ReasoningTokens { get; init; }

    /// <summary>What the provider charges, in nano-USD.</summary>
    public long ProviderCost { get; init; }

    /// <summary>The operator's markup, in nano-USD.</summary>
    public long Markup { get; init; }

    /// <summary>The total billed: provider cost plus markup.</summary>
    public long Total => ProviderCost + Markup;

    /// <summary>True when the provider reported no usage (a stream cut short) and the tokens were counted by the gateway.</summary>
    public bool Estimated { get; init; }

    /// <summary>Whether the request was streamed.</summary>
    public bool Streamed { get; init; }

    /// <summary>When it was charged.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The prefix of every charge's ledger reference; no other transaction may use it.</summary>
    public const string ReferencePrefix = "charge:";

    /// <summary>The ledger reference of a charge for a request.</summary>
    public static string ReferenceFor(string requestId) => ReferencePrefix + requestId;

    /// <summary>
    /// The legs of a charge, in this order: the user pays the total, provider cost and markup revenue receive their parts.
    /// A part of zero has no leg, so a charge of nothing has none. The stores keep a charge as one row (its split can
    /// only balance) and list its postings from it with this.
    /// </summary>
    public static IReadOnlyList<Posting> PostingsOf(string accountId, long providerCost, long markup)
    {
        var postings = new List<Posting>(3);
        if (providerCost + markup != 0)
        {
            postings.Add(new Posting(LedgerAccounts.User(accountId), -(providerCost + markup)));
        }

        if (providerCost > 0)
        {
            postings.Add(new Posting(LedgerAccounts.ProviderCost, providerCost));
        }

        if (markup > 0)
        {
            postings.Add(new Posting(LedgerAccounts.MarkupRevenue, markup));
        }

        return postings;
    }

    /// <summary>A charge as the journal lists it, from what the stores keep of it.</summary>
    public static JournalEntry JournalEntryOf(long sequence, string requestId, string accountId, long providerCost, long markup, DateTimeOffset createdAt) =>
        new(sequence, ReferenceFor(requestId), LedgerTransactionKind.Charge, createdAt, null, PostingsOf(accountId, providerCost, markup));
}
