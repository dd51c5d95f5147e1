using System.Globalization;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class CompactChargesMigrationTests_Postgres(PostgresBackend backend) : CompactChargesMigrationTests(backend), IClassFixture<PostgresBackend>
{
    protected override string InsertPostingSql(long sequence, int leg, string account, long amount) => string.Create(CultureInfo.InvariantCulture,
        $"INSERT INTO ledger_postings (transaction_sequence, leg, account, amount) VALUES ({sequence}, {leg}, '{account}', {amount})");
}
