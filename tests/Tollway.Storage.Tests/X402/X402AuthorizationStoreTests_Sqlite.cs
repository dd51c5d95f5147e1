using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.X402;

public sealed class X402AuthorizationStoreTests_Sqlite(SqliteBackend backend) : X402AuthorizationStoreTests(backend), IClassFixture<SqliteBackend>;
