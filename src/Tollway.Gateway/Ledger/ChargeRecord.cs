namespace Tollway.Gateway.Ledger;

/// <summary>
/// What one request cost and why: its tokens, the provider's price applied to them and the markup on top. Stored with
/// the charge transaction and shown by <c>GET /api/v1/generation</c>.
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

    /// <summary>The ledger reference of a charge for a request.</summary>
    public static string ReferenceFor(string requestId) => "charge:" + requestId;

    /// <summary>The charge as a ledger transaction: the user pays the provider cost and the markup.</summary>
    public LedgerTransaction ToTransaction()
    {
        var user = LedgerAccounts.User(AccountId);
        var postings = new List<Posting>(3) { new(user, -Total) };
        if (ProviderCost > 0)
        {
            postings.Add(new Posting(LedgerAccounts.ProviderCost, ProviderCost));
        }

        if (Markup > 0)
        {
            postings.Add(new Posting(LedgerAccounts.MarkupRevenue, Markup));
        }

        return new LedgerTransaction(ReferenceFor(RequestId), LedgerTransactionKind.Charge, CreatedAt, postings);
    }
}
