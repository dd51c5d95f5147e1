using Microsoft.Data.Sqlite;
using Tollway.Testing;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Reads the request log straight from the gateway's SQLite file, waiting for the batched writer.</summary>
public static class RequestLogRows
{
    public static Task<Dictionary<string, object?>> WaitForAsync(GatewayFixture gateway, string requestId) =>
        Eventually.ValueAsync(() => FindAsync(gateway, requestId), $"A request log row {requestId}");

    /// <summary>The one row of an account whose client never saw its request id.</summary>
    public static Task<Dictionary<string, object?>> WaitForAccountAsync(GatewayFixture gateway, string accountId) =>
        Eventually.ValueAsync(() => FindAsync(gateway, accountId, byAccount: true), $"A request log row of {accountId}");

    private static async Task<Dictionary<string, object?>?> FindAsync(GatewayFixture gateway, string value, bool byAccount = false)
    {
        await using var connection = new SqliteConnection($"Data Source={gateway.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = byAccount ? "SELECT * FROM request_log WHERE account_id = $value" : "SELECT * FROM request_log WHERE id = $value";
        command.Parameters.AddWithValue("$value", value);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }
}
