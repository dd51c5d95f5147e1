namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>One sample of a scrape: a metric name, its labels and its value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
