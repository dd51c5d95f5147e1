using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One SQL statement prepared once on an open connection and run many times with positional parameters
/// (<c>?1</c>, <c>?2</c>, …), inside whatever transaction the connection has open. For the per-row inserts that run
/// once per request served (the charge batch, the request log): <see cref="SqliteCommand"/> looks every parameter up by name and allocates a binder for it on each
/// execution, which costs more than SQLite's own work on the row. Errors throw the <see cref="SqliteException"/> a
/// command would.
/// </summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqlitePreparedStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement), raw.SQLITE_OK);
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value), raw.SQLITE_OK);

    public void Bind(int index, long? value) =>
        Check(value is { } number ? raw.sqlite3_bind_int64(_statement, index, number) : raw.sqlite3_bind_null(_statement, index), raw.SQLITE_OK);

    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value), raw.SQLITE_OK);

    /// <summary>Runs a statement that returns nothing; how many rows it inserted, updated or deleted.</summary>
    public int Execute()
    {
        try
        {
            Check(raw.sqlite3_step(_statement), raw.SQLITE_DONE);
            return raw.sqlite3_changes(_database);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result, int expected)
    {
        if (result != expected)
        {
            // Throws for every error code; a success code other than the one expected is a misuse of the statement.
            SqliteException.ThrowExceptionForRC(result, _database);
            throw new InvalidOperationException($"SQLite returned {result} where {expected} was expected.");
        }
    }
}
