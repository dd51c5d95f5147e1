using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class ChargeBatchTests_Sqlite(SqliteBackend backend) : ChargeBatchTests(backend), IClassFixture<SqliteBackend>;
