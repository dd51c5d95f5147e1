using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerConcurrencyTests_Sqlite(SqliteBackend backend) : LedgerConcurrencyTests(backend), IClassFixture<SqliteBackend>;
