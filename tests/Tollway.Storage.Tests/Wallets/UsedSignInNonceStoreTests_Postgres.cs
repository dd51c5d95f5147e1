using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Wallets;

public sealed class UsedSignInNonceStoreTests_Postgres(PostgresBackend backend) : UsedSignInNonceStoreTests(backend), IClassFixture<PostgresBackend>;
