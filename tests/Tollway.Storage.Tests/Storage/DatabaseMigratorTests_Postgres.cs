using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class DatabaseMigratorTests_Postgres(PostgresBackend backend) : DatabaseMigratorTests(backend), IClassFixture<PostgresBackend>;
