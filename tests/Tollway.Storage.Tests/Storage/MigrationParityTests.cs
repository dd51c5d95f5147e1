using Tollway.Storage.Postgres;
using Tollway.Storage.Sqlite;

namespace Tollway.Storage.Tests.Storage;

/// <summary>The backends migrate in step: a migration added to one and not the other would leave one behind.</summary>
public sealed class MigrationParityTests
{
    [Fact]
    public void Migrations_SqliteAndPostgres_HaveTheSameVersionsAndNames()
    {
        Assert.Equal(
            SqliteMigrator.Migrations().Select(m => (m.Version, m.Name)),
            PostgresMigrator.Migrations().Select(m => (m.Version, m.Name)));
    }

    [Fact]
    public void Migrations_Postgres_AreNonEmptyAndStrictlyOrderedByVersion()
    {
        var migrations = PostgresMigrator.Migrations();

        Assert.NotEmpty(migrations);
        Assert.Equal(1, migrations[0].Version);
        // Strictly increasing, not necessarily consecutive: numbers are reserved per feature branch, and a branch may
        // land before the one holding the number below its own; the migrators apply every version not yet recorded.
        Assert.All(migrations.Zip(migrations.Skip(1)), pair => Assert.True(pair.Second.Version > pair.First.Version, $"{pair.Second.Name} is out of order"));
        Assert.All(migrations, m =>
        {
            Assert.StartsWith(m.Version.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "_", m.Name, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(m.Script));
        });
    }
}
