using System.Globalization;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

public sealed class CompactChargesMigrationTests_Sqlite(SqliteBackend backend) : CompactChargesMigrationTests(backend), IClassFixture<SqliteBackend>
{
    protected override string InsertPostingSql(long sequence, int leg, string account, long amount) => string.Create(CultureInfo.InvariantCulture,
        $"INSERT INTO ledger_postings (transaction_sequence, account, amount) VALUES ({sequence}, '{account}', {amount})");
}
