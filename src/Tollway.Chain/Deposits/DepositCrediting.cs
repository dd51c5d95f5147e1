using Tollway.Chain.Diagnostics;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.Chain.Deposits;

/// <summary>
/// Turns deposits at depth into money: deposits → the sender's account through the ledger, under the deposit's own
/// reference, so a deposit credited twice (a crash between the posting and the status, a claim racing the watcher)
/// moves money once. A sender without an account leaves the deposit unclaimed until its first sign-in, except the
/// payer of an x402 payment (a transfer by EIP-3009 authorization), whose account is made as the x402 gate makes it:
/// the credit is the one the gate posts under the same reference, whichever of the two comes first.
/// </summary>
public sealed class DepositCrediting(
    IDepositStore deposits,
    IWalletStore wallets,
    ILedgerStore ledger,
    IEnumerable<ICreditListener> creditListeners,
    DepositMetrics metrics,
    TimeProvider timeProvider,
    ILogger<DepositCrediting> logger)
{
    /// <summary>Credits a deposit that reached depth, or leaves it unclaimed; returns its new status.</summary>
    public async Task<DepositStatus> ConfirmAsync(Deposit deposit, CancellationToken cancellationToken)
    {
        var accountId = deposit.AccountId ?? await wallets.FindAccountAsync(deposit.Sender, cancellationToken);
        if (accountId is null && deposit.AuthorizationNonce is not null)
        {
            // An x402 payment lands on the paying wallet's account, made now as the x402 gate would have made it.
            accountId = (await wallets.GetOrCreateAsync(deposit.Sender, timeProvider.GetUtcNow(), cancellationToken)).AccountId;
        }


        if (accountId is null)
        {
            await deposits.MarkConfirmedAsync(deposit, DepositStatus.Unclaimed, null, timeProvider.GetUtcNow(), cancellationToken);
            Log.DepositUnclaimed(logger, deposit.ChainId, deposit.TransactionHash, deposit.LogIndex, deposit.Amount);
            return DepositStatus.Unclaimed;
        }

        await CreditAsync(deposit, accountId, cancellationToken);
        return DepositStatus.Credited;
    }

    /// <summary>
    /// Gives a wallet's deposits to its (new) account and credits those already at depth: called at sign-in, after the
    /// wallet's account was found or created. Returns the nano-USD credited now.
    /// </summary>
    public async Task<long> ClaimAsync(WalletAddress wallet, string accountId, CancellationToken cancellationToken)
    {
        long claimed = 0;
        foreach (var deposit in await deposits.AssignSenderAsync(wallet, accountId, cancellationToken))
        {
            await CreditAsync(deposit, accountId, cancellationToken);
            claimed += deposit.Amount;
        }

        return claimed;
    }

    private async Task CreditAsync(Deposit deposit, string accountId, CancellationToken cancellationToken)
    {
        if (deposit.Amount > 0)
        {
            var outcome = await ledger.PostAsync(
                LedgerTransaction.Transfer(deposit.Reference, LedgerTransactionKind.Deposit, timeProvider.GetUtcNow(),
                    LedgerAccounts.Deposits, LedgerAccounts.User(accountId), deposit.Amount, memo: null),
                cancellationToken);
            if (outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
            {
                throw new InvalidOperationException($"The ledger refused deposit {deposit.Reference}: {outcome}.");
            }

            if (outcome == PostOutcome.Posted)
            {
                metrics.Credited(deposit.ChainId, deposit.Amount);
                foreach (var listener in creditListeners)
                {
                    listener.NotifyCredited(accountId);
                }
            }
        }

        await deposits.MarkConfirmedAsync(deposit, DepositStatus.Credited, accountId, timeProvider.GetUtcNow(), cancellationToken);
        Log.DepositCredited(logger, deposit.ChainId, deposit.TransactionHash, deposit.LogIndex, deposit.Amount, accountId);
    }
}
