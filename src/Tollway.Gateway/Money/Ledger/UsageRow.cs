namespace Tollway.Gateway.Money.Ledger;

/// <summary>One account's use of one model on one UTC day.</summary>
public sealed record UsageRow(DateOnly Day, string Model, long Requests, long PromptTokens, long CompletionTokens, long ReasoningTokens, long CachedTokens, long Cost);
