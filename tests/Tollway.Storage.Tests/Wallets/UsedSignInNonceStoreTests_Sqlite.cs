using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

public sealed class UsedSignInNonceStoreTests_Sqlite(SqliteBackend backend) : UsedSignInNonceStoreTests(backend), IClassFixture<SqliteBackend>;
