using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Keys;

public sealed class ApiKeyStoreTests_Postgres(PostgresBackend backend) : ApiKeyStoreTests(backend), IClassFixture<PostgresBackend>;
