using BenchmarkDotNet.Running;
using Tollway.Benchmarks.Billing;
using Tollway.Benchmarks.Proxy;
using Tollway.Benchmarks.RequestLog;

// dotnet run -c Release --project bench/Tollway.Benchmarks -- --filter '*'
List<Type> benchmarks =
    [typeof(HoldOnly), typeof(SqliteHoldSettleLatency), typeof(SqliteHoldSettleThroughput), typeof(SqliteChargeCommit), typeof(SqliteRequestLogWrite),
        typeof(RequestIdCreation), typeof(MessagesInspection)];
if (PostgresBenchmarkStorage.AdminConnectionString is null)
{
    Console.WriteLine($"PostgreSQL benchmarks skipped: {PostgresBenchmarkStorage.ConnectionVariable} is not set " +
        "(eval \"$(scripts/postgres.sh)\" starts a server; set the variable to the connection string it prints).");
}
else
{
    benchmarks.Add(typeof(PostgresHoldSettleThroughput));
}

BenchmarkSwitcher.FromTypes([.. benchmarks]).Run(args);
