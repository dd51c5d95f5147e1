using Tollway.Gateway.Platform.Storage;
using Tollway.Storage.Tests.Infrastructure;

namespace Tollway.Storage.Tests.Storage;

/// <summary><see cref="IDatabaseHealth"/> on every backend: ready only when the schema is there.</summary>
public abstract class DatabaseHealthTests(StorageBackend backend) : StorageTests(backend)
{
    [Fact]
    public async Task IsHealthyAsync_MigratedDatabase_ReturnsTrue()
    {
        Assert.True(await Node.Health.IsHealthyAsync(Ct));
    }

    [Fact]
    public async Task IsHealthyAsync_NotYetMigrated_ReturnsFalse()
    {
        var node = NewNode(await Backend.CreateDatabaseAsync(migrated: false));

        Assert.False(await node.Health.IsHealthyAsync(Ct));
    }

    [Fact]
    public async Task IsHealthyAsync_MigrationsTableEmpty_ReturnsFalse()
    {
        var database = await Backend.CreateDatabaseAsync();
        await database.ExecuteAsync("DELETE FROM schema_migrations", Ct);

        Assert.False(await NewNode(database).Health.IsHealthyAsync(Ct));
    }

    [Fact]
    public async Task IsHealthyAsync_DatabaseGoneWhileInUse_ReturnsFalseInsteadOfThrowing()
    {
        var database = await Backend.CreateDatabaseAsync();
        var node = NewNode(database);
        Assert.True(await node.Health.IsHealthyAsync(Ct));

        // The node's pool still holds a connection to what is no longer there.
        await database.DeleteAsync(Ct);

        Assert.False(await node.Health.IsHealthyAsync(Ct));
    }
}
