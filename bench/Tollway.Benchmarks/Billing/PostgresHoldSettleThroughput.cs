namespace Tollway.Benchmarks.Billing;

/// <summary><see cref="HoldSettleThroughput"/> on PostgreSQL (<c>TWTEST_POSTGRES</c>); left out of the run when it is unset.</summary>
public class PostgresHoldSettleThroughput : HoldSettleThroughput
{
    private protected override async Task<IBenchmarkStorage> CreateStorageAsync() => await PostgresBenchmarkStorage.CreateAsync(CancellationToken.None);
}
