using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Identifiers;

namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>Transactions and charges as the gateway and the operator make them, for accounts of a test's own.</summary>
internal static class Books
{
    public static readonly DateTimeOffset At = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A customer account no other test uses; the ledger needs no accounts row for it.</summary>
    public static string NewAccountId() => RandomIds.New(Account.IdPrefix);

    public static LedgerTransaction Credit(string accountId, long amount, string? reference = null, DateTimeOffset? at = null) =>
        LedgerTransaction.Transfer(reference ?? "credit:" + Guid.NewGuid().ToString("N"), LedgerTransactionKind.Credit, at ?? At,
            LedgerAccounts.Deposits, LedgerAccounts.User(accountId), amount, "test credit");

    public static LedgerTransaction Deposit(string accountId, long amount, DateTimeOffset? at = null) =>
        LedgerTransaction.Transfer("deposit:8453:0x" + Guid.NewGuid().ToString("N") + ":0", LedgerTransactionKind.Deposit, at ?? At,
            LedgerAccounts.Deposits, LedgerAccounts.User(accountId), amount);

    public static LedgerTransaction Debit(string accountId, long amount, string? reference = null, DateTimeOffset? at = null) =>
        LedgerTransaction.Transfer(reference ?? "debit:" + Guid.NewGuid().ToString("N"), LedgerTransactionKind.Debit, at ?? At,
            LedgerAccounts.User(accountId), LedgerAccounts.Adjustments, amount, "test debit");

    public static ChargeRecord Charge(
        string accountId, long providerCost, long markup = 0, string? keyId = null, DateTimeOffset? at = null, string model = "gpt-4o-mini") =>
        new()
        {
            RequestId = "gen-" + Guid.NewGuid().ToString("N"),
            AccountId = accountId,
            KeyId = keyId,
            Model = model,
            Provider = "openai",
            UpstreamModel = model + "-2024-07-18",
            PromptTokens = 1200,
            CompletionTokens = 340,
            CachedTokens = 200,
            CacheWriteTokens = 50,
            ReasoningTokens = 100,
            ProviderCost = providerCost,
            Markup = markup,
            Estimated = false,
            Streamed = true,
            CreatedAt = at ?? At,
        };

    /// <summary>A charge paid from a node's lease: the first lease a node takes on an account has id 1.</summary>
    public static PendingCharge Pending(ChargeRecord charge, string nodeId = "node-a", long leaseId = 1) => new(charge, nodeId, leaseId);
}
