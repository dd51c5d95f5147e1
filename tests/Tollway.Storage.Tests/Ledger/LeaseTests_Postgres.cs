using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LeaseTests_Postgres(PostgresBackend backend) : LeaseTests(backend), IClassFixture<PostgresBackend>;
