using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Billing;

public sealed class LedgerPropertyTests_Sqlite(SqliteBackend backend) : LedgerPropertyTests(backend), IClassFixture<SqliteBackend>;
