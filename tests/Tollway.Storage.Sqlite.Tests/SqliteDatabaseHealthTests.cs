namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseHealthTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task IsHealthyAsync_MigratedDatabase_ReturnsTrue()
    {
        var database = await _directory.NewMigratedDatabaseAsync();

        Assert.True(await new SqliteDatabaseHealth(database).IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsHealthyAsync_NotYetMigratedFile_ReturnsFalse()
    {
        // The file exists and opens fine but has no schema_migrations table: not ready to serve.
        var database = _directory.NewDatabase();
        await (await database.OpenAsync(TestContext.Current.CancellationToken)).DisposeAsync();
        Assert.True(File.Exists(database.Path));

        Assert.False(await new SqliteDatabaseHealth(database).IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsHealthyAsync_MigrationsTableEmpty_ReturnsFalse()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await using (var connection = await database.OpenAsync(TestContext.Current.CancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM schema_migrations";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(await new SqliteDatabaseHealth(database).IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsHealthyAsync_DirectoryReplacedByAFile_ReturnsFalseInsteadOfThrowing()
    {
        var directory = Path.Combine(_directory.Path, "data");
        var database = new SqliteDatabase(Path.Combine(directory, "tollway.db"));
        // The directory the constructor created is gone and its name now belongs to a file: the database cannot open.
        Directory.Delete(directory);
        await File.WriteAllTextAsync(directory, "not a directory", TestContext.Current.CancellationToken);

        Assert.False(await new SqliteDatabaseHealth(database).IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsHealthyAsync_DirectoryReplacedWhileInUse_ReturnsFalse()
    {
        var directory = Path.Combine(_directory.Path, "data");
        var database = await _directory.NewMigratedDatabaseAsync(Path.Combine("data", "tollway.db"));
        var health = new SqliteDatabaseHealth(database);
        Assert.True(await health.IsHealthyAsync(TestContext.Current.CancellationToken));

        // A pooled connection still holds the deleted file open and answers queries from it; every write from now on
        // goes to a file no one can find again, and readiness must say so.
        Directory.Delete(directory, recursive: true);
        await File.WriteAllTextAsync(directory, "not a directory", TestContext.Current.CancellationToken);

        Assert.False(await health.IsHealthyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task IsHealthyAsync_FileIsNotADatabase_ReturnsFalse()
    {
        var database = _directory.NewDatabase();
        await File.WriteAllTextAsync(database.Path, new string('x', 4096), TestContext.Current.CancellationToken);

        Assert.False(await new SqliteDatabaseHealth(database).IsHealthyAsync(TestContext.Current.CancellationToken));
    }
}
