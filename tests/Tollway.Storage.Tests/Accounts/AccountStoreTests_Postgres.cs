using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Accounts;

public sealed class AccountStoreTests_Postgres(PostgresBackend backend) : AccountStoreTests(backend), IClassFixture<PostgresBackend>;
