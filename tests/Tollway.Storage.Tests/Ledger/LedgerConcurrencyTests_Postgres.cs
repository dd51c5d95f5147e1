using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerConcurrencyTests_Postgres(PostgresBackend backend) : LedgerConcurrencyTests(backend), IClassFixture<PostgresBackend>;
