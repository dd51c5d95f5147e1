using Npgsql;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Access.Accounts;

namespace Tollway.Storage.Postgres;

/// <summary>Wallet ownership in PostgreSQL.</summary>
internal sealed class PostgresWalletStore(NpgsqlDataSource dataSource) : IWalletStore
{
    public async Task<WalletOwnership> GetOrCreateAccountAsync(WalletAddress wallet, Account newAccount, CancellationToken cancellationToken)
    {
        if (await FindAccountAsync(wallet, cancellationToken) is { } existing)
        {
            return new WalletOwnership(wallet, existing, Created: false);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The account first, then the link; a concurrent first sign-in of the same wallet makes the link insert wait
        // on the primary key and then do nothing, and this transaction is rolled back with its account.
        await using (var insert = PostgresSql.Batch(connection, transaction, [
            PostgresLocks.Shared(PostgresLocks.Bootstrap),
            PostgresSql.Command(
                "INSERT INTO accounts (id, name, created_at) VALUES (@id, @name, @created)",
                PostgresSql.Parameter("id", newAccount.Id), PostgresSql.Parameter("name", newAccount.Name),
                PostgresSql.Parameter("created", UnixTime.ToMillis(newAccount.CreatedAt))),
            PostgresSql.Command(
                "INSERT INTO wallets (address, account_id, created_at) VALUES (@address, @id, @created) ON CONFLICT (address) DO NOTHING",
                PostgresSql.Parameter("address", wallet.Value), PostgresSql.Parameter("id", newAccount.Id),
                PostgresSql.Parameter("created", UnixTime.ToMillis(newAccount.CreatedAt))),
        ]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
            if (insert.BatchCommands[2].RecordsAffected == 1)
            {
                await transaction.CommitAsync(cancellationToken);
                return new WalletOwnership(wallet, newAccount.Id, Created: true);
            }
        }

        await transaction.RollbackAsync(cancellationToken);
        var winner = await FindAccountAsync(wallet, cancellationToken)
            ?? throw new InvalidOperationException("A concurrent sign-in linked the wallet and then vanished.");
        return new WalletOwnership(wallet, winner, Created: false);
    }

    public async Task<string?> FindAccountAsync(WalletAddress wallet, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT account_id FROM wallets WHERE address = @address");
        command.Parameters.Add(PostgresSql.Parameter("address", wallet.Value));
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyList<WalletAddress>> ListWalletsAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT address FROM wallets WHERE account_id = @account ORDER BY created_at, address COLLATE \"C\"");
        command.Parameters.Add(PostgresSql.Parameter("account", accountId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var wallets = new List<WalletAddress>();
        while (await reader.ReadAsync(cancellationToken))
        {
            wallets.Add(WalletAddress.Parse(reader.GetString(0)));
        }

        return wallets;
    }
}
