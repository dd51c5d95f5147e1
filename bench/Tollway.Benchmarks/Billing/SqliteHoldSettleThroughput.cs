namespace Tollway.Benchmarks.Billing;

/// <summary><see cref="HoldSettleThroughput"/> on a SQLite ledger file.</summary>
public class SqliteHoldSettleThroughput : HoldSettleThroughput;
