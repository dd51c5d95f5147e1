using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerPostingTests_Sqlite(SqliteBackend backend) : LedgerPostingTests(backend), IClassFixture<SqliteBackend>;
