using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

public sealed class WalletStoreTests_Sqlite(SqliteBackend backend) : WalletStoreTests(backend), IClassFixture<SqliteBackend>;
