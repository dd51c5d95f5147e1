using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Keys;

public sealed class ApiKeyStoreTests_Sqlite(SqliteBackend backend) : ApiKeyStoreTests(backend), IClassFixture<SqliteBackend>;
