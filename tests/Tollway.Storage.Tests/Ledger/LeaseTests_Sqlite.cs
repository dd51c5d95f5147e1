using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LeaseTests_Sqlite(SqliteBackend backend) : LeaseTests(backend), IClassFixture<SqliteBackend>;
