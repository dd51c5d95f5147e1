using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

public sealed class WalletStoreTests_Postgres(PostgresBackend backend) : WalletStoreTests(backend), IClassFixture<PostgresBackend>;
