using System.Globalization;
using Microsoft.Extensions.Options;
using Tollway.Chain.Diagnostics;
using Tollway.Chain.Wallets;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;

namespace Tollway.Chain.X402;

/// <summary>
/// x402 on the request path. A request without a key is quoted (the worst case of this very request, as a hold would
/// take it); without a payment it gets the challenge. A payment is matched to a fresh quote and checked without the
/// chain, then on chain (nonce unused, balance), then claimed — the one step that makes concurrent replays serve once
/// — and settled. Only then is it credited to the paying wallet's account and the request admitted against that
/// credit like any other; what the request does not use stays as the wallet's credit. Any failure answers 402 with a
/// fresh challenge naming it, before anything is sent upstream or credited. A database that cannot be reached at any
/// step is a 503 with <c>Retry-After</c> instead (with the settlement's <c>PAYMENT-RESPONSE</c> when the payment had
/// already moved: the deposit watcher credits it to the paying wallet under the same reference).
/// </summary>
internal sealed class X402Gate(
    BillingGate billing,
    IX402Chains chains,
    IX402Settler settler,
    IX402AuthorizationStore authorizations,
    ILedgerStore ledger,
    IWalletStore wallets,
    IEnumerable<ICreditListener> creditListeners,
    DatabaseOutage outage,
    X402Metrics metrics,
    IOptions<X402Options> options,
    TimeProvider timeProvider,
    ILogger<X402Gate> logger) : IX402Payments
{
    private readonly X402Options _options = options.Value;
    private readonly long _maxQuote = UsdAmount.TryParseNanos(options.Value.MaxQuoteUsd, out var max) ? max : 0;

    public bool Enabled => true;

    public async Task AdmitAsync(HttpContext context, AdmissionRequest admission, X402Outcome outcome)
    {
        var (candidates, unpriced) = billing.PriceCandidates(admission.Plan, admission.Request, admission.Body, admission.Operation, accountId: "");
        if (unpriced is not null)
        {
            outcome.Admission = BillingAdmission.Refused(unpriced);
            return;
        }

        var worstCase = candidates.Max(c => c.WorstCase);
        // A worst case below zero is one too large to be represented (never a price): it is refused, not quoted.
        if (worstCase is < 0 || worstCase > _maxQuote)
        {
            var upTo = worstCase < 0 ? "" : $" up to ${UsdAmount.FormatUsd(worstCase)},";
            outcome.Admission = BillingAdmission.Refused(GatewayError.InvalidRequest(
                $"This request may cost{upTo} more than the ${UsdAmount.FormatUsd(_maxQuote)} this gateway accepts per x402 payment. Lower max_tokens.",
                "max_tokens", "x402_quote_too_large"));
            return;
        }

        var payment = new X402QuotedRequest(context.Request, admission.RequestId, worstCase, outcome);
        var header = FirstHeader(context.Request, X402Headers.PaymentSignature) ?? FirstHeader(context.Request, X402Headers.XPayment);
        if (header is null)
        {
            Challenge(payment, X402Failure.PaymentRequired, $"{X402Headers.PaymentSignature} header is required");
            return;
        }

        var terms = new X402PaymentTerms(
            chains.Offers, worstCase, _options.MaxTimeoutSeconds, timeProvider.GetUtcNow(), _options.SettlementTimeout + _options.SafetyMargin);
        var (attempt, failure, detail) = X402PaymentMatcher.Match(header, terms, chains.IsSignedByPayer);
        if (attempt is null)
        {
            Challenge(payment, failure, detail);
            return;
        }

        try
        {
            if (await PayAsync(payment, attempt, context.RequestAborted) is not { } accountId)
            {
                return;
            }

            outcome.AccountId = accountId;
            metrics.Accepted(attempt.Offer.Network);
        }
        catch (DatabaseUnavailableException)
        {
            outcome.Admission = BillingAdmission.Refused(GatewayError.DatabaseUnavailable());
            return;
        }

        var payerKey = new ApiKeyRecord(IX402Payments.KeyId, outcome.AccountId, IX402Payments.KeyId, default, "", ApiKeyRole.Inference, null, timeProvider.GetUtcNow());
        outcome.Admission = await billing.AdmitAsync(payerKey, admission, context.RequestAborted);
    }

    /// <summary>Checks on chain, claims, settles and credits; the paying wallet's account, or <c>null</c> once the
    /// outcome is a 402 challenge.</summary>
    private async Task<string?> PayAsync(X402QuotedRequest payment, X402PaymentAttempt attempt, CancellationToken clientAborted)
    {
        var key = attempt.Key;
        if (await outage.CallAsync(token => authorizations.FindAsync(key, token), CancellationToken.None) is { } earlier)
        {
            await RefuseUsedAsync(payment, attempt, earlier);
            return null;
        }

        try
        {
            if (await settler.CheckAsync(attempt, clientAborted) is { } refusal)
            {
                Challenge(payment, refusal.Failure, refusal.Detail, attempt);
                return null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.X402CheckUnavailable(logger, ex);
            Challenge(payment, X402Failure.VerificationUnavailable, "the payment could not be checked on chain; try again", attempt);
            return null;
        }

        // The payer's account exists before the payment is claimed and sent: the deposit watcher sees the same transfer
        // and, should this path stop before crediting it, credits it to this account under the same reference.
        var accountId = await PayerAccountAsync(attempt);

        var now = timeProvider.GetUtcNow();
        var amount = attempt.Authorization.Value.ToString(CultureInfo.InvariantCulture);
        var claim = new X402AuthorizationRecord(key, amount, X402AuthorizationState.Settling, payment.RequestId, now);
        if (await outage.CallAsync(token => authorizations.TryClaimAsync(claim, token), CancellationToken.None) is { } winner)
        {
            await RefuseUsedAsync(payment, attempt, winner);
            return null;
        }

        return await SettleAsync(payment, attempt, accountId);
    }

    /// <summary>Settles a claimed payment and credits it; the account, or <c>null</c> once the outcome is a 402 challenge.</summary>
    private async Task<string?> SettleAsync(X402QuotedRequest payment, X402PaymentAttempt attempt, string accountId)
    {
        var key = attempt.Key;
        // From here the payment is this request's: settle it even if the client goes away, so the claim resolves.
        X402Settlement settlement;
        try
        {
            settlement = await settler.SettleAsync(attempt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            settlement = X402Settlement.Failed(X402Failure.SettlementFailed, ex.Message);
        }

        metrics.Settlement(attempt.Offer.Network, settlement.TransactionHash is not null);

        if (settlement.TransactionHash is not { } transaction)
        {
            Log.X402SettlementFailed(logger, key.Payer, key.ChainId, settlement.Detail ?? "");
            if (settlement.SentTransaction is { } sent)
            {
                // Sent but not final: it may still move the money, so the claim stays, with its transaction.
                await outage.CallAsync(token => authorizations.RecordTransactionAsync(key, sent, token), CancellationToken.None);
            }
            else
            {
                await outage.CallAsync(token => authorizations.ReleaseAsync(key, token), CancellationToken.None);
            }

            var detail = settlement.SentTransaction is null
                ? settlement.Detail ?? "settlement failed"
                : $"{settlement.Detail}; send the same payment again to have it credited once it is final";
            Challenge(payment, settlement.Failure ?? X402Failure.SettlementFailed, detail, attempt);
            return null;
        }

        // Told before it is credited: the payment has moved whatever happens next, and a payer answered 503 because the
        // database is down learns that its money arrived (and stays as its wallet's credit).
        AddSettlement(payment.Outcome, attempt, transaction);
        await CreditAsync(attempt, transaction, accountId);
        await MarkSettledAsync(attempt.Key, transaction, accountId);
        return accountId;
    }

    private async Task<string> PayerAccountAsync(X402PaymentAttempt attempt)
    {
        var wallet = WalletAddress.Parse(attempt.Authorization.From);
        var now = timeProvider.GetUtcNow();
        return (await outage.CallAsync(token => wallets.GetOrCreateAsync(wallet, now, token), CancellationToken.None)).AccountId;
    }

    private Task MarkSettledAsync(X402AuthorizationKey key, string transaction, string accountId)
    {
        var now = timeProvider.GetUtcNow();
        return outage.CallAsync(token => authorizations.MarkSettledAsync(key, transaction, accountId, now, token), CancellationToken.None);
    }

    /// <summary>Credits the payment under its x402 reference; a duplicate (the deposit watcher credited the same
    /// transfer first) changes nothing.</summary>
    private async Task CreditAsync(X402PaymentAttempt attempt, string transaction, string accountId)
    {
        var now = timeProvider.GetUtcNow();
        var credit = TokenUnits.ToNanosRoundingDown(attempt.Authorization.Value, attempt.Offer.Decimals) ?? long.MaxValue;
        var reference = attempt.Key.LedgerReference;
        var deposit = LedgerTransaction.Transfer(reference, LedgerTransactionKind.Deposit, now, LedgerAccounts.Deposits, LedgerAccounts.User(accountId), credit,
            $"x402 payment in {transaction}");
        var outcome = await outage.CallAsync(token => ledger.PostAsync(deposit, token), CancellationToken.None);
        if (outcome is not (PostOutcome.Posted or PostOutcome.Duplicate))
        {
            Log.X402CreditFailed(logger, reference, transaction, outcome.ToString());
        }

        if (outcome != PostOutcome.Posted)
        {
            return;
        }

        foreach (var listener in creditListeners)
        {
            listener.NotifyCredited(accountId);
        }

        Log.X402Settled(logger, attempt.Authorization.Value.ToString(CultureInfo.InvariantCulture), attempt.Authorization.From, attempt.Offer.ChainId, transaction, credit, accountId);
    }

    /// <summary>An authorization this gateway consumed before: never served twice. A settled one tells the payer its
    /// transaction again (a retry after a lost response learns the payment went through and stays as credit); one
    /// whose transaction was sent but not final then is looked at again, and credited once it is.</summary>
    private async Task RefuseUsedAsync(X402QuotedRequest payment, X402PaymentAttempt attempt, X402AuthorizationRecord earlier)
    {
        if (earlier is { State: X402AuthorizationState.Settling, TransactionHash: { } sent })
        {
            var confirmed = await ConfirmAsync(attempt, sent);
            if (confirmed.TransactionHash is { } final)
            {
                metrics.Settlement(attempt.Offer.Network, settled: true);
                var accountId = await PayerAccountAsync(attempt);
                await CreditAsync(attempt, final, accountId);
                await MarkSettledAsync(attempt.Key, final, accountId);
                earlier = earlier with { State = X402AuthorizationState.Settled, TransactionHash = final, AccountId = accountId };
            }
            else if (confirmed.SentTransaction is null)
            {
                // It reverted: nothing moved, so the authorization is the payer's again.
                metrics.Settlement(attempt.Offer.Network, settled: false);
                await outage.CallAsync(token => authorizations.ReleaseAsync(attempt.Key, token), CancellationToken.None);
                Challenge(payment, X402Failure.SettlementFailed, confirmed.Detail ?? "settlement failed", attempt);
                return;
            }
        }

        var settled = earlier is { State: X402AuthorizationState.Settled, TransactionHash: { } tx } ? tx : null;
        var detail = settled is null
            ? "this authorization is being settled for another request"
            : $"this authorization was settled in {settled} and its amount credited to the paying wallet; sign a new one";
        if (settled is not null)
        {
            AddSettlement(payment.Outcome, attempt, settled);
        }

        Challenge(payment, X402Failure.NonceUsed, detail, attempt);
    }

    private async Task<X402Settlement> ConfirmAsync(X402PaymentAttempt attempt, string transaction)
    {
        try
        {
            return await settler.ConfirmAsync(attempt, transaction, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.X402CheckUnavailable(logger, ex);
            return X402Settlement.Unconfirmed(transaction, "the chain could not be reached");
        }
    }

    /// <summary>Makes the outcome a 402 with a fresh challenge naming the failure.</summary>
    private void Challenge(X402QuotedRequest payment, X402Failure failure, string detail, X402PaymentAttempt? attempt = null)
    {
        if (attempt is not null)
        {
            Log.X402Refused(logger, attempt.Authorization.From, attempt.Offer.ChainId, X402Failures.Code(failure) ?? "");
        }

        metrics.Quoted();
        if (failure != X402Failure.PaymentRequired)
        {
            metrics.Refused(attempt?.Offer.Network, failure);
        }

        var request = payment.Request;
        var resource = new ResourceInfo($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", _options.Description, "application/json");
        var (v2, v1) = X402Challenge.Build(chains.Offers, payment.WorstCase, resource, _options.MaxTimeoutSeconds, X402Failures.Describe(failure, detail));
        var outcome = payment.Outcome;
        outcome.ChallengeCode = X402Failures.Code(failure) ?? "payment_required";
        outcome.ChallengeHeader = X402Codec.Encode(v2);
        outcome.ChallengeBody = X402Codec.SerializeV1(v1);
    }

    /// <summary>Adds the settlement header of the payment's version (<c>PAYMENT-RESPONSE</c> or <c>X-PAYMENT-RESPONSE</c>).</summary>
    private static void AddSettlement(X402Outcome outcome, X402PaymentAttempt attempt, string transaction)
    {
        outcome.SettlementHeader = attempt.Version == 1 ? X402Headers.XPaymentResponse : X402Headers.PaymentResponse;
        outcome.SettlementValue = X402Codec.Encode(Settled(attempt, transaction));
    }

    private static SettlementResponse Settled(X402PaymentAttempt attempt, string transaction) =>
        new(true, transaction, attempt.Version == 1 ? attempt.Offer.V1Network : attempt.Offer.Network, attempt.Authorization.From);

    private static string? FirstHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrWhiteSpace(values[0]) ? values[0] : null;
}
