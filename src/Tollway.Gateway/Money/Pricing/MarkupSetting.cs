namespace Tollway.Gateway.Money.Pricing;

/// <summary>A markup in parts per million of the provider cost (12.5 % is 125,000); <see cref="Subject"/> is empty for the global one.</summary>
public sealed record MarkupSetting(MarkupScope Scope, string Subject, long PartsPerMillion);
