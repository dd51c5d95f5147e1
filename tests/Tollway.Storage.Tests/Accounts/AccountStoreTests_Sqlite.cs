using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Accounts;

public sealed class AccountStoreTests_Sqlite(SqliteBackend backend) : AccountStoreTests(backend), IClassFixture<SqliteBackend>;
