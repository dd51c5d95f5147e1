using Tollway.Chain.Wallets;

namespace Tollway.Storage.Sqlite;

/// <summary>Used sign-in nonces in SQLite; the primary key lets one insert of a nonce succeed.</summary>
internal sealed class SqliteUsedSignInNonceStore(SqliteDatabase database) : IUsedSignInNonceStore
{
    public async Task<bool> TryUseAsync(string nonce, DateTimeOffset expiresAt, DateTimeOffset forgetBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using (var forget = connection.CreateCommand())
        {
            forget.CommandText = "DELETE FROM used_signin_nonces WHERE expires_at < $before";
            forget.Parameters.AddWithValue("$before", UnixTime.ToMillis(forgetBefore));
            await forget.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO used_signin_nonces (nonce, expires_at) VALUES ($nonce, $expires) ON CONFLICT DO NOTHING";
        insert.Parameters.AddWithValue("$nonce", nonce);
        insert.Parameters.AddWithValue("$expires", UnixTime.ToMillis(expiresAt));
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
