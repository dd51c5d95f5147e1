using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.X402;

public sealed class X402AuthorizationStoreTests_Postgres(PostgresBackend backend) : X402AuthorizationStoreTests(backend), IClassFixture<PostgresBackend>;
