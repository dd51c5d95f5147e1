using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerQueriesTests_Postgres(PostgresBackend backend) : LedgerQueriesTests(backend), IClassFixture<PostgresBackend>;
