using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class ChargeBatchTests_Postgres(PostgresBackend backend) : ChargeBatchTests(backend), IClassFixture<PostgresBackend>;
