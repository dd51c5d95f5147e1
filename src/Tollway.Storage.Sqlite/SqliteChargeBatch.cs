using System.Globalization;
using Microsoft.Data.Sqlite;
using Tollway.Gateway.Ledger;

namespace Tollway.Storage.Sqlite;

/// <summary>
/// One group commit of charges inside an open transaction. Per charge it writes only what is its own (the transaction
/// row, its postings, its charge row); the balances, key spend and leases it moves are summed over the batch and
/// written once per account, so a batch of a thousand charges for one account updates that account's balance once.
/// </summary>
internal sealed class SqliteChargeBatch(SqliteConnection connection, SqliteTransaction transaction)
{
    public async Task<IReadOnlyList<PostOutcome>> CommitAsync(IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        var outcomes = new PostOutcome[charges.Count];
        var accepted = new List<(PendingCharge Pending, long Sequence)>(charges.Count);
        var spendable = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < charges.Count; i++)
        {
            var pending = charges[i];
            var charge = pending.Charge;
            var ledger = charge.ToTransaction();
            if (await SqliteLedgerWriter.InsertTransactionAsync(connection, transaction, ledger, cancellationToken) is not { } sequence)
            {
                outcomes[i] = PostOutcome.Duplicate;
                continue;
            }

            // Charges never exceed the holds they settle, and holds never exceed leased balance; this check only
            // bites when a node outlived its lease (a pause longer than the lease), and then the charge is refused
            // rather than taking the customer below zero.
            var user = LedgerAccounts.User(charge.AccountId);
            if (!spendable.TryGetValue(user, out var left))
            {
                left = await SqliteLedgerWriter.BalanceAsync(connection, transaction, user, cancellationToken);
            }

            if (charge.Total > left)
            {
                await SqliteCommands.ExecuteAsync(connection, transaction, "DELETE FROM ledger_transactions WHERE sequence = $sequence",
                    cancellationToken, ("$sequence", sequence));
                spendable[user] = left;
                outcomes[i] = PostOutcome.InsufficientFunds;
                continue;
            }

            spendable[user] = left - charge.Total;
            accepted.Add((pending, sequence));
            outcomes[i] = PostOutcome.Posted;
        }

        await WriteAcceptedAsync(accepted, cancellationToken);
        return outcomes;
    }

    private async Task WriteAcceptedAsync(List<(PendingCharge Pending, long Sequence)> accepted, CancellationToken cancellationToken)
    {
        var balances = new Dictionary<string, long>(StringComparer.Ordinal);
        var leases = new Dictionary<(string Account, string Node), long>();
        var spend = new Dictionary<(string Key, string Day), (long Amount, long Requests)>();
        await using var charges = SqliteCommands.Create(connection, transaction, """
            INSERT INTO charges (request_id, transaction_sequence, account_id, key_id, model, provider, upstream_model, prompt_tokens,
                completion_tokens, cached_tokens, cache_write_tokens, reasoning_tokens, provider_cost, markup, estimated, streamed, created_at, day)
            VALUES ($request, $sequence, $account, $key, $model, $provider, $upstream, $prompt, $completion, $cached, $cache_write, $reasoning,
                $cost, $markup, $estimated, $streamed, $created, $day)
            """);
        foreach (var (pending, sequence) in accepted)
        {
            var charge = pending.Charge;
            var ledger = charge.ToTransaction();
            await SqliteLedgerWriter.InsertPostingsAsync(connection, transaction, sequence, ledger.Postings, cancellationToken);
            foreach (var posting in ledger.Postings)
            {
                balances[posting.Account] = balances.GetValueOrDefault(posting.Account) + posting.Amount;
            }

            var day = Day(charge.CreatedAt);
            await InsertChargeAsync(charges, charge, sequence, day, cancellationToken);
            leases[(charge.AccountId, pending.NodeId)] = leases.GetValueOrDefault((charge.AccountId, pending.NodeId)) + charge.Total;
            if (charge.KeyId is { } keyId)
            {
                var (amount, requests) = spend.GetValueOrDefault((keyId, day));
                spend[(keyId, day)] = (amount + charge.Total, requests + 1);
            }
        }

        await SqliteLedgerWriter.AddToBalancesAsync(connection, transaction, balances, cancellationToken);
        await ShrinkLeasesAsync(leases, cancellationToken);
        await AddSpendAsync(spend, cancellationToken);
    }

    private static async Task InsertChargeAsync(SqliteCommand command, ChargeRecord charge, long sequence, string day, CancellationToken cancellationToken)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$request", charge.RequestId);
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$account", charge.AccountId);
        command.Parameters.AddWithValue("$key", (object?)charge.KeyId ?? DBNull.Value);
        command.Parameters.AddWithValue("$model", charge.Model);
        command.Parameters.AddWithValue("$provider", charge.Provider);
        command.Parameters.AddWithValue("$upstream", charge.UpstreamModel);
        command.Parameters.AddWithValue("$prompt", charge.PromptTokens);
        command.Parameters.AddWithValue("$completion", charge.CompletionTokens);
        command.Parameters.AddWithValue("$cached", charge.CachedTokens);
        command.Parameters.AddWithValue("$cache_write", charge.CacheWriteTokens);
        command.Parameters.AddWithValue("$reasoning", charge.ReasoningTokens);
        command.Parameters.AddWithValue("$cost", charge.ProviderCost);
        command.Parameters.AddWithValue("$markup", charge.Markup);
        command.Parameters.AddWithValue("$estimated", charge.Estimated ? 1 : 0);
        command.Parameters.AddWithValue("$streamed", charge.Streamed ? 1 : 0);
        command.Parameters.AddWithValue("$created", UnixTime.ToMillis(charge.CreatedAt));
        command.Parameters.AddWithValue("$day", day);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task ShrinkLeasesAsync(Dictionary<(string Account, string Node), long> leases, CancellationToken cancellationToken)
    {
        foreach (var ((account, node), amount) in leases)
        {
            await SqliteCommands.ExecuteAsync(connection, transaction,
                "UPDATE balance_leases SET amount = MAX(amount - $amount, 0) WHERE account_id = $account AND node_id = $node",
                cancellationToken, ("$account", account), ("$node", node), ("$amount", amount));
        }
    }

    private async Task AddSpendAsync(Dictionary<(string Key, string Day), (long Amount, long Requests)> spend, CancellationToken cancellationToken)
    {
        foreach (var ((key, day), (amount, requests)) in spend)
        {
            await SqliteCommands.ExecuteAsync(connection, transaction, """
                INSERT INTO key_spend (key_id, day, amount, requests) VALUES ($key, $day, $amount, $requests)
                ON CONFLICT (key_id, day) DO UPDATE SET amount = amount + excluded.amount, requests = requests + excluded.requests
                """, cancellationToken, ("$key", key), ("$day", day), ("$amount", amount), ("$requests", requests));
        }
    }

    internal static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
