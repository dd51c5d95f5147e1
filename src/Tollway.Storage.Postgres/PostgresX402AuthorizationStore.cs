using Npgsql;
using Tollway.Chain.X402;
using Tollway.Storage.Relational;

namespace Tollway.Storage.Postgres;

/// <summary>Consumed x402 authorizations in PostgreSQL; the primary key decides a race for one authorization across nodes.</summary>
internal sealed class PostgresX402AuthorizationStore(NpgsqlDataSource dataSource) : IX402AuthorizationStore
{
    private const string KeyFilter = "chain_id = @chain AND token = @token AND payer = @payer AND nonce = @nonce";

    public async Task<X402AuthorizationRecord?> TryClaimAsync(X402AuthorizationRecord claim, CancellationToken cancellationToken)
    {
        await using (var insert = dataSource.CreateCommand("""
            INSERT INTO x402_authorizations (chain_id, token, payer, nonce, amount, state, request_id, created_at)
            VALUES (@chain, @token, @payer, @nonce, @amount, @state, @request, @created)
            ON CONFLICT DO NOTHING
            """))
        {
            AddKey(insert, claim.Key);
            insert.Parameters.Add(PostgresSql.Parameter("amount", claim.Amount));
            insert.Parameters.Add(PostgresSql.Parameter("state", (int)claim.State));
            insert.Parameters.Add(PostgresSql.Parameter("request", claim.RequestId));
            insert.Parameters.Add(PostgresSql.Parameter("created", UnixTime.ToMillis(claim.CreatedAt)));
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return null;
            }
        }

        return await FindAsync(claim.Key, cancellationToken);
    }

    public async Task<X402AuthorizationRecord?> FindAsync(X402AuthorizationKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {X402AuthorizationRows.Columns} FROM x402_authorizations WHERE {KeyFilter}");
        AddKey(command, key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return X402AuthorizationRows.Read(reader);
    }

    public async Task MarkSettledAsync(
        X402AuthorizationKey key, string transactionHash, string accountId, DateTimeOffset settledAt, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"UPDATE x402_authorizations SET state = @state, transaction_hash = @tx, account_id = @account, settled_at = @at WHERE {KeyFilter}");
        AddKey(command, key);
        command.Parameters.Add(PostgresSql.Parameter("state", (int)X402AuthorizationState.Settled));
        command.Parameters.Add(PostgresSql.Parameter("tx", transactionHash));
        command.Parameters.Add(PostgresSql.Parameter("account", accountId));
        command.Parameters.Add(PostgresSql.Parameter("at", UnixTime.ToMillis(settledAt)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordTransactionAsync(X402AuthorizationKey key, string transactionHash, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"UPDATE x402_authorizations SET transaction_hash = @tx WHERE {KeyFilter} AND state = @state");
        AddKey(command, key);
        command.Parameters.Add(PostgresSql.Parameter("tx", transactionHash));
        command.Parameters.Add(PostgresSql.Parameter("state", (int)X402AuthorizationState.Settling));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReleaseAsync(X402AuthorizationKey key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM x402_authorizations WHERE {KeyFilter} AND state = @state");
        AddKey(command, key);
        command.Parameters.Add(PostgresSql.Parameter("state", (int)X402AuthorizationState.Settling));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddKey(NpgsqlCommand command, X402AuthorizationKey key)
    {
        command.Parameters.Add(PostgresSql.Parameter("chain", key.ChainId));
        command.Parameters.Add(PostgresSql.Parameter("token", key.Token));
        command.Parameters.Add(PostgresSql.Parameter("payer", key.Payer));
        command.Parameters.Add(PostgresSql.Parameter("nonce", key.Nonce));
    }
}
