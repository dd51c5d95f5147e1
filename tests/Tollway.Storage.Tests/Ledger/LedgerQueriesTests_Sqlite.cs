using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerQueriesTests_Sqlite(SqliteBackend backend) : LedgerQueriesTests(backend), IClassFixture<SqliteBackend>;
