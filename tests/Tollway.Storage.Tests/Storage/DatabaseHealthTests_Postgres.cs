using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class DatabaseHealthTests_Postgres(PostgresBackend backend) : DatabaseHealthTests(backend), IClassFixture<PostgresBackend>;
