using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Deposits;

public sealed class DepositStoreTests_Sqlite(SqliteBackend backend) : DepositStoreTests(backend), IClassFixture<SqliteBackend>;
