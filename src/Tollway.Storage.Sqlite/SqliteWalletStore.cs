using Microsoft.Data.Sqlite;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Access.Accounts;

namespace Tollway.Storage.Sqlite;

/// <summary>Wallet ownership in SQLite.</summary>
internal sealed class SqliteWalletStore(SqliteDatabase database) : IWalletStore
{
    public async Task<WalletOwnership> GetOrCreateAccountAsync(WalletAddress wallet, Account newAccount, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Immediate: the lookup and the inserts hold the write lock together, so two processes cannot both create.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        if (await FindAsync(connection, transaction, wallet, cancellationToken) is { } existing)
        {
            return new WalletOwnership(wallet, existing, Created: false);
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO accounts (id, name, created_at) VALUES ($id, $name, $created);
                INSERT INTO wallets (address, account_id, created_at) VALUES ($address, $id, $created);
                """;
            insert.Parameters.AddWithValue("$id", newAccount.Id);
            insert.Parameters.AddWithValue("$name", newAccount.Name);
            insert.Parameters.AddWithValue("$created", UnixTime.ToMillis(newAccount.CreatedAt));
            insert.Parameters.AddWithValue("$address", wallet.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new WalletOwnership(wallet, newAccount.Id, Created: true);
    }

    public async Task<string?> FindAccountAsync(WalletAddress wallet, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, wallet, cancellationToken);
    }

    public async Task<IReadOnlyList<WalletAddress>> ListWalletsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT address FROM wallets WHERE account_id = $account ORDER BY created_at, address";
        command.Parameters.AddWithValue("$account", accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var wallets = new List<WalletAddress>();
        while (await reader.ReadAsync(cancellationToken))
        {
            wallets.Add(WalletAddress.Parse(reader.GetString(0)));
        }

        return wallets;
    }

    private static async Task<string?> FindAsync(SqliteConnection connection, SqliteTransaction? transaction, WalletAddress wallet, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT account_id FROM wallets WHERE address = $address";
        command.Parameters.AddWithValue("$address", wallet.Value);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
