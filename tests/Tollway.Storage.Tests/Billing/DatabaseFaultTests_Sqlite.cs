using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Billing;

public sealed class DatabaseFaultTests_Sqlite(SqliteBackend backend) : DatabaseFaultTests(backend), IClassFixture<SqliteBackend>;
