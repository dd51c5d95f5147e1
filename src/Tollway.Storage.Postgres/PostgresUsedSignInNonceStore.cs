using Npgsql;
using Tollway.Chain.Wallets;

namespace Tollway.Storage.Postgres;

/// <summary>Used sign-in nonces in PostgreSQL; the primary key lets one insert of a nonce succeed across nodes.</summary>
internal sealed class PostgresUsedSignInNonceStore(NpgsqlDataSource dataSource) : IUsedSignInNonceStore
{
    public async Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        await using (var forget = dataSource.CreateCommand("DELETE FROM used_signin_nonces WHERE expires_at < @before"))
        {
            forget.Parameters.Add(PostgresSql.Parameter("before", UnixTime.ToMillis(forgetBefore)));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = dataSource.CreateCommand("INSERT INTO used_signin_nonces (nonce, expires_at) VALUES (@nonce, @expires) ON CONFLICT DO NOTHING");
        insert.Parameters.Add(PostgresSql.Parameter("nonce", nonce));
        insert.Parameters.Add(PostgresSql.Parameter("expires", UnixTime.ToMillis(expiresAt)));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
