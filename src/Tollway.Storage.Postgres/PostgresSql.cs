using Npgsql;
using NpgsqlTypes;

namespace Tollway.Storage.Postgres;

/// <summary>Small helpers that keep the stores' SQL readable.</summary>
internal static class PostgresSql
{
    public static NpgsqlParameter Parameter(string name, object? value) => new(name, value ?? DBNull.Value);

    /// <summary>A parameter whose type cannot be told from its value (a null, or an array PostgreSQL must see typed).</summary>
    public static NpgsqlParameter Parameter(string name, NpgsqlDbType type, object? value) => new(name, type) { Value = value ?? DBNull.Value };

    public static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>
    /// A batch on the connection: its statements go to the server in one round trip and, outside an explicit
    /// transaction, run in one implicit transaction, so locks taken by one statement hold until the last is done.
    /// </summary>
    public static NpgsqlBatch Batch(NpgsqlConnection connection, NpgsqlTransaction? transaction, IEnumerable<NpgsqlBatchCommand> commands)
    {
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var command in commands)
        {
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    public static async Task<long> ScalarInt64Async(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : (long)value;
    }

    public static async Task<int> ExecuteAsync(NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Whether an error is the unique reference of a ledger transaction or charge, taken by a concurrent writer.</summary>
    public static bool IsDuplicateReference(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation
        && exception.ConstraintName is "ux_ledger_transactions_reference" or "ux_charges_request_id";
}
