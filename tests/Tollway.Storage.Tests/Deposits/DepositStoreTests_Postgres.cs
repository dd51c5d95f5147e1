using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Deposits;

public sealed class DepositStoreTests_Postgres(PostgresBackend backend) : DepositStoreTests(backend), IClassFixture<PostgresBackend>;
