using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class DatabaseMigratorTests_Sqlite(SqliteBackend backend) : DatabaseMigratorTests(backend), IClassFixture<SqliteBackend>;
