using Microsoft.Data.Sqlite;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Sqlite;

/// <summary>Accounts in SQLite.</summary>
internal sealed class SqliteAccountStore(SqliteDatabase database) : IAccountStore
{
    public async Task InsertAsync(Account account, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await InsertAsync(connection, null, account, cancellationToken);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at FROM accounts ORDER BY created_at, id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var accounts = new List<Account>();
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(Read(reader));
        }

        return accounts;
    }

    public async Task<Account?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, created_at FROM accounts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> InsertFirstAccountAsync(Account account, ApiKeyRecord adminKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Immediate: the check and the inserts hold the write lock together, so two processes cannot both bootstrap.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = "SELECT EXISTS (SELECT 1 FROM accounts)";
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! != 0)
            {
                return false;
            }
        }

        await InsertAsync(connection, transaction, account, cancellationToken);
        await SqliteApiKeyStore.InsertAsync(connection, transaction, adminKey, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task InsertAsync(SqliteConnection connection, SqliteTransaction? transaction, Account account, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO accounts (id, name, created_at) VALUES ($id, $name, $created)";
        command.Parameters.AddWithValue("$id", account.Id);
        command.Parameters.AddWithValue("$name", account.Name);
        command.Parameters.AddWithValue("$created", UnixTime.ToMillis(account.CreatedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Account Read(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), UnixTime.FromMillis(reader.GetInt64(2)));
}
