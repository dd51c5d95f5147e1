using System.Data.Common;
using Tollway.Chain.Deposits;
using Tollway.Chain.Wallets;

namespace Tollway.Storage.Relational;

/// <summary>
/// <see cref="IDepositStore"/> in plain ADO.NET, for SQLite and PostgreSQL alike: the tables are the same in both
/// (migrations 0004 and 0008), the SQL below is portable, and each storage package passes its own connection opener.
/// </summary>
internal sealed class SqlDepositStore(Func<CancellationToken, Task<DbConnection>> open) : IDepositStore
{
    private const string Columns =
        "chain_id, tx_hash, log_index, block_number, block_hash, token, sender, raw_amount, amount, dust, status, account_id, seen_at, confirmed_at, authorization_nonce";

    public async Task<long?> GetCursorAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var command = Command(connection, null, "SELECT next_block FROM chain_cursors WHERE chain_id = @chain", ("chain", chainId));
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task SetCursorAsync(long chainId, long nextBlock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await ExecuteAsync(connection, null, UpsertCursor, cancellationToken, ("chain", chainId), ("next", nextBlock), ("now", now.ToUnixTimeMilliseconds()));
    }

    public async Task RecordScanAsync(
        long chainId, IReadOnlyList<Deposit> deposits, IReadOnlyList<ScannedBlock> blocks, long nextBlock, long keepBlocksFrom,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var deposit in deposits)
        {
            // A transfer seen before stays as it is; one a reorg removed and the chain then included again is pending again.
            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO deposits ({Columns})
                VALUES (@chain, @tx, @log, @block, @hash, @token, @sender, @raw, @amount, @dust, @status, @account, @seen, NULL, @nonce)
                ON CONFLICT (chain_id, tx_hash, log_index) DO UPDATE
                SET status = @status, block_number = @block, block_hash = @hash, seen_at = @seen, authorization_nonce = @nonce
                WHERE deposits.status = {(int)DepositStatus.Removed}
                """, cancellationToken,
                ("chain", deposit.ChainId), ("tx", deposit.TransactionHash), ("log", deposit.LogIndex), ("block", deposit.BlockNumber),
                ("hash", deposit.BlockHash), ("token", deposit.Token), ("sender", deposit.Sender.Value), ("raw", deposit.RawAmount),
                ("amount", deposit.Amount), ("dust", deposit.Dust), ("status", (int)DepositStatus.Pending), ("account", deposit.AccountId),
                ("seen", deposit.SeenAt.ToUnixTimeMilliseconds()), ("nonce", deposit.AuthorizationNonce));
        }

        foreach (var block in blocks)
        {
            await ExecuteAsync(connection, transaction, """
                INSERT INTO chain_blocks (chain_id, number, hash, parent_hash) VALUES (@chain, @number, @hash, @parent)
                ON CONFLICT (chain_id, number) DO UPDATE SET hash = @hash, parent_hash = @parent
                """, cancellationToken, ("chain", chainId), ("number", block.Number), ("hash", block.Hash), ("parent", block.ParentHash));
        }

        await ExecuteAsync(connection, transaction, "DELETE FROM chain_blocks WHERE chain_id = @chain AND number < @keep", cancellationToken,
            ("chain", chainId), ("keep", keepBlocksFrom));
        await ExecuteAsync(connection, transaction, UpsertCursor, cancellationToken, ("chain", chainId), ("next", nextBlock), ("now", now.ToUnixTimeMilliseconds()));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ScannedBlock>> ListBlocksAsync(long chainId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT number, hash, parent_hash FROM chain_blocks WHERE chain_id = @chain ORDER BY number DESC LIMIT @limit", ("chain", chainId), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var blocks = new List<ScannedBlock>();
        while (await reader.ReadAsync(cancellationToken))
        {
            blocks.Add(new ScannedBlock(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return blocks;
    }

    public async Task<IReadOnlyList<Deposit>> RollBackAsync(long chainId, long fromBlock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await QueryAsync(connection, transaction,
            $"SELECT {Columns} FROM deposits WHERE chain_id = @chain AND block_number >= @from AND status = {(int)DepositStatus.Pending} ORDER BY block_number, tx_hash, log_index",
            cancellationToken, ("chain", chainId), ("from", fromBlock));
        await ExecuteAsync(connection, transaction,
            $"UPDATE deposits SET status = {(int)DepositStatus.Removed} WHERE chain_id = @chain AND block_number >= @from AND status = {(int)DepositStatus.Pending}",
            cancellationToken, ("chain", chainId), ("from", fromBlock));
        await ExecuteAsync(connection, transaction, "DELETE FROM chain_blocks WHERE chain_id = @chain AND number >= @from", cancellationToken,
            ("chain", chainId), ("from", fromBlock));
        await ExecuteAsync(connection, transaction, "UPDATE chain_cursors SET next_block = @from, updated_at = @now WHERE chain_id = @chain AND next_block > @from",
            cancellationToken, ("chain", chainId), ("from", fromBlock), ("now", now.ToUnixTimeMilliseconds()));
        await transaction.CommitAsync(cancellationToken);
        return [.. removed.Select(d => d with { Status = DepositStatus.Removed })];
    }

    public async Task<IReadOnlyList<Deposit>> ListPendingAsync(long chainId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await QueryAsync(connection, null,
            $"SELECT {Columns} FROM deposits WHERE chain_id = @chain AND status = {(int)DepositStatus.Pending} ORDER BY block_number, tx_hash, log_index",
            cancellationToken, ("chain", chainId));
    }

    public async Task MarkConfirmedAsync(Deposit deposit, DepositStatus status, string? accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await ExecuteAsync(connection, null,
            "UPDATE deposits SET status = @status, account_id = @account, confirmed_at = COALESCE(confirmed_at, @now) WHERE chain_id = @chain AND tx_hash = @tx AND log_index = @log",
            cancellationToken, ("status", (int)status), ("account", accountId), ("now", now.ToUnixTimeMilliseconds()),
            ("chain", deposit.ChainId), ("tx", deposit.TransactionHash), ("log", deposit.LogIndex));
    }

    public async Task<IReadOnlyList<Deposit>> AssignSenderAsync(WalletAddress sender, string accountId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, "UPDATE deposits SET account_id = @account WHERE sender = @sender AND account_id IS NULL",
            cancellationToken, ("account", accountId), ("sender", sender.Value));
        var unclaimed = await QueryAsync(connection, transaction,
            $"SELECT {Columns} FROM deposits WHERE sender = @sender AND status = {(int)DepositStatus.Unclaimed} ORDER BY chain_id, block_number, tx_hash, log_index",
            cancellationToken, ("sender", sender.Value));
        await transaction.CommitAsync(cancellationToken);
        return unclaimed;
    }

    public async Task<IReadOnlyList<Deposit>> ListByAccountAsync(string accountId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await QueryAsync(connection, null,
            $"SELECT {Columns} FROM deposits WHERE account_id = @account ORDER BY seen_at DESC, block_number DESC, log_index DESC LIMIT @limit",
            cancellationToken, ("account", accountId), ("limit", limit));
    }

    public async Task<IReadOnlyList<Deposit>> ListConfirmedAsync(long chainId, long fromBlock, long toBlock, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        return await QueryAsync(connection, null, $"""
            SELECT {Columns} FROM deposits
            WHERE chain_id = @chain AND block_number >= @from AND block_number <= @to AND status IN ({(int)DepositStatus.Credited}, {(int)DepositStatus.Unclaimed})
            ORDER BY block_number, tx_hash, log_index
            """, cancellationToken, ("chain", chainId), ("from", fromBlock), ("to", toBlock));
    }

    private const string UpsertCursor = """
        INSERT INTO chain_cursors (chain_id, next_block, updated_at) VALUES (@chain, @next, @now)
        ON CONFLICT (chain_id) DO UPDATE SET next_block = @next, updated_at = @now
        """;

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<Deposit>> QueryAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var deposits = new List<Deposit>();
        while (await reader.ReadAsync(cancellationToken))
        {
            deposits.Add(new Deposit(
                reader.GetInt64(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetInt64(3), reader.GetString(4), reader.GetString(5), WalletAddress.Parse(reader.GetString(6)), reader.GetString(7),
                reader.GetInt64(8), reader.GetString(9), (DepositStatus)Convert.ToInt32(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(11) ? null : reader.GetString(11), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
                reader.IsDBNull(14) ? null : reader.GetString(14)));
        }

        return deposits;
    }
}
