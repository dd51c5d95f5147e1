using Microsoft.Data.Sqlite;
using Tollway.Chain.X402;
using Tollway.Storage.Relational;

namespace Tollway.Storage.Sqlite;

/// <summary>Consumed x402 authorizations in SQLite; the primary key decides a race for one authorization.</summary>
internal sealed class SqliteX402AuthorizationStore(SqliteDatabase database) : IX402AuthorizationStore
{
    private const string KeyFilter = "chain_id = $chain AND token = $token AND payer = $payer AND nonce = $nonce";

    public async Task<X402AuthorizationRecord?> TryClaimAsync(X402AuthorizationRecord claim, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT INTO x402_authorizations (chain_id, token, payer, nonce, amount, state, request_id, created_at)
                VALUES ($chain, $token, $payer, $nonce, $amount, $state, $request, $created)
                ON CONFLICT DO NOTHING
                """;
            AddKey(insert, claim.Key);
            insert.Parameters.AddWithValue("$amount", claim.Amount);
            insert.Parameters.AddWithValue("$state", (int)claim.State);
            insert.Parameters.AddWithValue("$request", claim.RequestId);
            insert.Parameters.AddWithValue("$created", UnixTime.ToMillis(claim.CreatedAt));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        return await FindAsync(connection, claim.Key, cancellationToken);
    }

    public async Task<X402AuthorizationRecord?> FindAsync(X402AuthorizationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, key, cancellationToken);
    }

    public async Task MarkSettledAsync(
        X402AuthorizationKey key, string transactionHash, string accountId, DateTimeOffset settledAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE x402_authorizations SET state = $state, transaction_hash = $tx, account_id = $account, settled_at = $at WHERE {KeyFilter}";
        AddKey(command, key);
        command.Parameters.AddWithValue("$state", (int)X402AuthorizationState.Settled);
        command.Parameters.AddWithValue("$tx", transactionHash);
        command.Parameters.AddWithValue("$account", accountId);
        command.Parameters.AddWithValue("$at", UnixTime.ToMillis(settledAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordTransactionAsync(X402AuthorizationKey key, string transactionHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE x402_authorizations SET transaction_hash = $tx WHERE {KeyFilter} AND state = $state";
        AddKey(command, key);
        command.Parameters.AddWithValue("$tx", transactionHash);
        command.Parameters.AddWithValue("$state", (int)X402AuthorizationState.Settling);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(X402AuthorizationKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM x402_authorizations WHERE {KeyFilter} AND state = $state";
        AddKey(command, key);
        command.Parameters.AddWithValue("$state", (int)X402AuthorizationState.Settling);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<X402AuthorizationRecord?> FindAsync(SqliteConnection connection, X402AuthorizationKey key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {X402AuthorizationRows.Columns} FROM x402_authorizations WHERE {KeyFilter}";
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return X402AuthorizationRows.Read(reader);
    }

    private static void AddKey(SqliteCommand command, X402AuthorizationKey key)
    {
        command.Parameters.AddWithValue("$chain", key.ChainId);
        command.Parameters.AddWithValue("$token", key.Token);
        command.Parameters.AddWithValue("$payer", key.Payer);
        command.Parameters.AddWithValue("$nonce", key.Nonce);
    }
}
