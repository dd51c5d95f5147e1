using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Billing;

public sealed class DatabaseFaultTests_Postgres(PostgresBackend backend) : DatabaseFaultTests(backend), IClassFixture<PostgresBackend>;
