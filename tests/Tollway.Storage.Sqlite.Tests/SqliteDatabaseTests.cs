using Microsoft.Data.Sqlite;

namespace Tollway.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly SqliteTestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Constructor_MissingParentDirectories_CreatesThem()
    {
        var parent = Path.Combine(_directory.Path, "a", "b", "c");

        var database = new SqliteDatabase(Path.Combine(parent, "tollway.db"));

        Assert.True(Directory.Exists(parent));
        Assert.Equal(Path.Combine(parent, "tollway.db"), database.Path);
    }

    [Fact]
    public void Constructor_PathWithDotSegments_ExposesTheNormalizedAbsolutePath()
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, "x", "..", "y", "tollway.db"));

        Assert.Equal(Path.Combine(_directory.Path, "y", "tollway.db"), database.Path);
    }

    [Fact]
    public async Task OpenAsync_MissingParentDirectory_CreatesTheDatabaseFile()
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, "nested", "tollway.db"));

        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.True(File.Exists(database.Path));
    }

    [Fact]
    public async Task OpenAsync_EveryConnection_EnforcesForeignKeysAndWaitsWhenBusy()
    {
        var database = _directory.NewDatabase();

        // Twice: the second connection comes from the pool (the same native handle, set up only once), and it must be
        // set up just the same.
        SQLitePCL.sqlite3? first = null;
        for (var i = 0; i < 2; i++)
        {
            await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
            first ??= connection.Handle;
            Assert.Same(first, connection.Handle);
            Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
            Assert.Equal(30_000L, await PragmaAsync(connection, "busy_timeout"));
            Assert.Equal(1L, await PragmaAsync(connection, "synchronous")); // NORMAL
        }
    }

    [Fact]
    public async Task OpenAsync_PooledHandle_IsSetUpOncePerCheckpointModeNotOnEveryOpen()
    {
        var database = _directory.NewDatabase();
        var ct = TestContext.Current.CancellationToken;
        await using (var first = await database.OpenAsync(ct))
        {
            // A mark the setup would overwrite if it ran again on this handle.
            await PragmaAsync(first, "busy_timeout = 1234");
        }

        object? reopened, afterModeChange, autocheckpoint;
        await using (var second = await database.OpenAsync(ct))
        {
            reopened = await PragmaAsync(second, "busy_timeout");
        }

        database.CheckpointsInBackground = true;
        await using (var third = await database.OpenAsync(ct))
        {
            afterModeChange = await PragmaAsync(third, "busy_timeout");
            autocheckpoint = await PragmaAsync(third, "wal_autocheckpoint");
        }

        Assert.Equal(1234L, reopened);
        Assert.Equal(30_000L, afterModeChange);
        Assert.Equal(0L, autocheckpoint);
    }

    private static async Task<object?> PragmaAsync(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task BeginWriteAsync_WhileAnotherWriterOfTheProcessIsIn_WaitsItsTurnWithoutBlockingTheCaller()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        var first = await database.BeginWriteAsync(ct);

        // Returns at once (SQLite's busy handler would have slept on this thread) and waits for its turn.
        var second = database.BeginWriteAsync(ct);
        Assert.False(second.IsCompleted);

        await using (var command = first.Connection.CreateCommand())
        {
            command.Transaction = first.Transaction;
            command.CommandText = "INSERT INTO settings_versions (name, version) VALUES ('first', 1)";
            await command.ExecuteNonQueryAsync(ct);
        }

        await first.CommitAsync(ct);
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await using var read = next.Connection.CreateCommand();
        read.Transaction = next.Transaction;
        read.CommandText = "SELECT version FROM settings_versions WHERE name = 'first'";
        Assert.Equal(1L, await read.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task BeginWriteAsync_DisposedWithoutCommit_RollsBackAndLetsTheNextWriterIn()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var abandoned = await database.BeginWriteAsync(ct))
        {
            await using var command = abandoned.Connection.CreateCommand();
            command.Transaction = abandoned.Transaction;
            command.CommandText = "INSERT INTO settings_versions (name, version) VALUES ('abandoned', 1)";
            await command.ExecuteNonQueryAsync(ct);
        }

        await using var next = await database.BeginWriteAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        await using var read = next.Connection.CreateCommand();
        read.Transaction = next.Transaction;
        read.CommandText = "SELECT COUNT(*) FROM settings_versions WHERE name = 'abandoned'";
        Assert.Equal(0L, await read.ExecuteScalarAsync(ct));
    }

    [Fact]
    public async Task StatementsOf_TwoConnectionsOpenAtOnce_GivesEachHandleItsOwnStatements()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await using var first = await database.OpenAsync(ct);
        await using var second = await database.OpenAsync(ct);

        var statements = database.StatementsOf(first);

        Assert.NotSame(first.Handle, second.Handle);
        Assert.Same(statements, database.StatementsOf(first));
        Assert.NotSame(statements, database.StatementsOf(second));
        Assert.NotSame(statements.Get("SELECT 1"), database.StatementsOf(second).Get("SELECT 1"));
    }

    [Fact]
    public async Task Statement_NextWriteOnTheSamePooledHandle_GetsTheStatementPreparedBefore()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        SqlitePreparedStatement first;
        SQLitePCL.sqlite3? handle;
        await using (var write = await database.BeginWriteAsync(ct))
        {
            handle = write.Connection.Handle;
            first = write.Statement("SELECT COUNT(*) FROM charges");
        }

        await using var next = await database.BeginWriteAsync(ct);

        Assert.Same(handle, next.Connection.Handle);
        Assert.Same(first, next.Statement("SELECT COUNT(*) FROM charges"));
    }

    [Fact]
    public async Task StatementsOf_AfterThePoolClosedAHandle_FinalizesItsStatementsSoSqliteClosesItsFiles()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Counts the process's open files in /proc/self/fd.");
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        var wal = database.Path + "-wal";
        SqliteStatementCache closed;
        await using (var write = await database.BeginWriteAsync(ct))
        {
            write.Statement("SELECT COUNT(*) FROM charges").ScalarInt64();
            closed = database.StatementsOf(write.Connection);
        }

        await ClearPoolAsync(database);
        // SQLite keeps a closed connection with statements left as a zombie, its files open: what the cache must undo.
        Assert.Equal(1, OpenDescriptors(wal));

        await using (var write = await database.BeginWriteAsync(ct))
        {
            Assert.Equal(0, write.Statement("SELECT COUNT(*) FROM charges").ScalarInt64());
            Assert.Equal(1, OpenDescriptors(wal)); // this write's connection only
        }

        Assert.Equal(0, closed.Count);
        Assert.Throws<ObjectDisposedException>(() => closed.Get("SELECT 1"));
    }

    [Fact]
    public async Task Dispose_WithStatementsOnAClosedHandle_FinalizesThemSoTheLastCloseRemovesTheWal()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var write = await database.BeginWriteAsync(ct))
        {
            write.Statement("SELECT COUNT(*) FROM charges").ScalarInt64();
        }

        await ClearPoolAsync(database);
        var walWhileZombie = File.Exists(database.Path + "-wal");

        database.Dispose();

        Assert.True(walWhileZombie);
        // The last connection to close checkpoints and deletes the WAL.
        Assert.False(File.Exists(database.Path + "-wal"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => database.BeginWriteAsync(ct));
    }

    [Fact]
    public async Task Dispose_IdlePooledConnections_ClosesThemSoTheLastCloseRemovesTheWal()
    {
        var database = await _directory.NewMigratedDatabaseAsync();
        await RawSql.CountAsync(database, "charges");
        var walWhileOpen = File.Exists(database.Path + "-wal");

        database.Dispose();

        Assert.True(walWhileOpen);
        Assert.False(File.Exists(database.Path + "-wal"));
    }

    /// <summary>Closes every pooled connection to the database's file (and the one used to name the pool).</summary>
    private static async Task ClearPoolAsync(SqliteDatabase database)
    {
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>How many of this process's file descriptors are open on the file.</summary>
    private static int OpenDescriptors(string path) =>
        Directory.EnumerateFiles("/proc/self/fd").Count(descriptor =>
        {
            try
            {
                return new FileInfo(descriptor).LinkTarget == path;
            }
            catch (IOException)
            {
                // Closed while the directory was being read.
                return false;
            }
        });
}
