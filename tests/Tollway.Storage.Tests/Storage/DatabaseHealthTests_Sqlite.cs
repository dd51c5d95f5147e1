using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class DatabaseHealthTests_Sqlite(SqliteBackend backend) : DatabaseHealthTests(backend), IClassFixture<SqliteBackend>;
