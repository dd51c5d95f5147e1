using Microsoft.Data.Sqlite;
using Tollway.Testing;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>Reads the request log straight from the gateway's SQLite file, waiting for the batched writer.</summary>
public static class RequestLogRows
{
    public static Task<Dictionary<string, object?>> WaitForAsync(GatewayFixture gateway, string requestId) =>
        Eventually.ValueAsync(() => FindAsync(gateway, requestId), $"A request log row {requestId}");

    private static async Task<Dictionary<string, object?>?> FindAsync(GatewayFixture gateway, string requestId)
    {
        await using var connection = new SqliteConnection($"Data Source={gateway.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM request_log WHERE id = $id";
        command.Parameters.AddWithValue("$id", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }
}
