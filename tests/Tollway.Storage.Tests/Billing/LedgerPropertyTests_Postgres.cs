using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Billing;

public sealed class LedgerPropertyTests_Postgres(PostgresBackend backend) : LedgerPropertyTests(backend), IClassFixture<PostgresBackend>;
