namespace Tollway.Storage.Sqlite.Tests;

/// <summary>Reads the tables directly, so the stores are checked against what is really on disk and not against themselves.</summary>
internal static class RawSql
{
    public static async Task<object?> ScalarAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        return value is DBNull ? null : value;
    }

    public static async Task<long> CountAsync(SqliteDatabase database, string table) =>
        (long)(await ScalarAsync(database, $"SELECT COUNT(*) FROM {table}"))!;

    /// <summary>Every row as its column values, with SQL NULL as <see langword="null"/>.</summary>
    public static async Task<List<object?[]>> RowsAsync(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
