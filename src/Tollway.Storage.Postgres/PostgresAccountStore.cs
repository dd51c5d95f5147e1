using Npgsql;
using Tollway.Gateway.Access.Accounts;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Storage.Postgres;

/// <summary>Accounts in PostgreSQL.</summary>
internal sealed class PostgresAccountStore(NpgsqlDataSource dataSource) : IAccountStore
{
    public async Task InsertAsync(Account account, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // Shared: ordinary inserts never wait for one another, but a bootstrap deciding that the table is empty waits
        // for them (and they for it), so it cannot miss an account that is being created.
        await using var batch = PostgresSql.Batch(connection, null, [PostgresLocks.Shared(PostgresLocks.Bootstrap), Insert(account)]);
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, created_at FROM accounts ORDER BY created_at, id COLLATE \"C\"");
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
        await using var command = dataSource.CreateCommand("SELECT id, name, created_at FROM accounts WHERE id = @id");
        command.Parameters.Add(PostgresSql.Parameter("id", id));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<bool> InsertFirstAccountAsync(Account account, ApiKeyRecord adminKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Row locks cannot guard a table that is still empty; the advisory lock makes the check and the inserts one
        // step for every node, so exactly one of several starting together creates the operator.
        await using (var check = PostgresSql.Batch(connection, transaction, [
            PostgresLocks.Exclusive(PostgresLocks.Bootstrap),
            PostgresSql.Command("SELECT EXISTS (SELECT 1 FROM accounts)"),
        ]))
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            if (reader.GetBoolean(0))
            {
                return false;
            }
        }

        await using (var insert = PostgresSql.Batch(connection, transaction, [
            Insert(account),
            PostgresLocks.Exclusive(PostgresLocks.KeyVersions),
            PostgresApiKeyRows.Insert(adminKey),
        ]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static NpgsqlBatchCommand Insert(Account account) =>
        PostgresSql.Command("INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @created)",
            PostgresSql.Parameter("id", account.Id), PostgresSql.Parameter("name", account.Name),
            PostgresSql.Parameter("created", UnixTime.ToMillis(account.CreatedAt)));

    private static Account Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), UnixTime.FromMillis(reader.GetInt64(2)));
}
