using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One SQL statement prepared once on a native connection and run many times with positional parameters
/// (<c>?1</c>, <c>?2</c>, …), inside whatever transaction the connection has open. For the statements that run once
/// per request served (the charge batch, the request log): <see cref="SqliteCommand"/> parses and plans its SQL again
/// for every new command and looks every parameter up by name on each execution, which costs more than SQLite's own
/// work on a row. Each run resets the statement, even when its step fails, so it is never left half-way for the next
/// one. Errors throw the <see cref="SqliteException"/> a command would. Owned by <see cref="SqliteStatementCache"/>.
/// </summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqlitePreparedStatement(sqlite3 database, string sql)
    {
        _database = database;
        // PERSISTENT: the statement lives as long as its connection, so SQLite keeps it out of the small lookaside
        // memory that short-lived statements share.
        Check(raw.sqlite3_prepare_v3(_database, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement, out string tail), raw.SQLITE_OK);
        if (!string.IsNullOrWhiteSpace(tail))
        {
            _statement.Dispose();
            throw new ArgumentException("A prepared statement holds one SQL statement; this text has more.", nameof(sql));
        }
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

    /// <summary>
    /// Runs a query for one integer: the first column of its first row, 0 when that is NULL or there is no row (as
    /// <see cref="SqliteCommands.ScalarInt64Async"/> reads it).
    /// </summary>
    public long ScalarInt64()
    {
        try
        {
            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_ROW)
            {
                return raw.sqlite3_column_int64(_statement, 0);
            }

            Check(result, raw.SQLITE_DONE);
            return 0;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Puts the statement back as it was prepared: not started, every parameter NULL.</summary>
    public void Clear()
    {
        // reset returns the error of a failed last step, which was thrown when it happened.
        raw.sqlite3_reset(_statement);
        raw.sqlite3_clear_bindings(_statement);
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
