using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Ledger;

public sealed class LedgerPostingTests_Postgres(PostgresBackend backend) : LedgerPostingTests(backend), IClassFixture<PostgresBackend>;
