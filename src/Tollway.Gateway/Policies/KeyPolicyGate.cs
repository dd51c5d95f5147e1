using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Money;
using Tollway.Gateway.OpenAi;
using Tollway.Gateway.Storage;

namespace Tollway.Gateway.Policies;

/// <summary>
/// Enforces a key's limits on this node: requests and tokens per minute (sliding one-minute window), requests in
/// flight, and spend caps (total, UTC day, UTC month) against its recorded spend plus what its requests hold now.
/// Time comes from the injected <see cref="TimeProvider"/>, so windows and resets are tested without waiting.
/// </summary>
public sealed class KeyPolicyGate(ILedgerQueries ledger, IOptions<TollwayOptions> options, TimeProvider timeProvider, DatabaseOutage outage)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, KeyUsageState> _states = new(StringComparer.Ordinal);
    private readonly TimeSpan _spendRefresh = options.Value.Billing.KeySpendRefresh;

    /// <summary>
    /// Admits a request that may cost up to <paramref name="worstCase"/> and use about <paramref name="tokens"/>, or says
    /// which limit refuses it. A key with a spend limit whose spend is due to be read again while the database cannot be
    /// reached is refused with 503 (<see cref="OpenAiError.DatabaseUnavailable"/>): its limit cannot be checked.
    /// </summary>
    public async ValueTask<(KeyAdmission? Admission, OpenAiError? Refusal)> AdmitAsync(
        ApiKeyRecord key, long tokens, long worstCase, CancellationToken cancellationToken)
    {
        var limits = key.EffectiveLimits;
        if (limits == KeyLimits.None || limits with { ExpiresAt = null } == KeyLimits.None)
        {
            return (KeyAdmission.Unlimited, null);
        }

        var state = _states.GetOrAdd(key.Id, static _ => new KeyUsageState());
        if (limits.HasSpendLimit)
        {
            try
            {
                await RefreshSpendAsync(key.Id, state, cancellationToken);
            }
            catch (DatabaseUnavailableException)
            {
                return (null, OpenAiError.DatabaseUnavailable());
            }
        }

        var now = timeProvider.GetTimestamp();
        lock (state.Sync)
        {
            Trim(state, now);
            if (Refuse(limits, state, tokens, worstCase) is { } refusal)
            {
                return (null, refusal);
            }

            state.InFlight++;
            state.Requests.Enqueue(now);
            state.Tokens.Enqueue((now, tokens));
            state.TokensInWindow = checked(state.TokensInWindow + tokens);
            state.Reserved += worstCase;
            return (new KeyAdmission(this, state, worstCase, tokens, now), null);
        }
    }

    internal void Complete(KeyUsageState state, KeyAdmission admission, long charged, long actualTokens)
    {
        lock (state.Sync)
        {
            state.InFlight--;
            state.Reserved -= admission.Reserved;
            state.ChargedSinceRead = checked(state.ChargedSinceRead + charged);
            // The window counted the estimate at admission; from now on it counts what was really used.
            var correction = actualTokens - admission.Tokens;
            if (correction != 0 && timeProvider.GetElapsedTime(admission.Timestamp) < Window)
            {
                state.Tokens.Enqueue((admission.Timestamp, correction));
                state.TokensInWindow = checked(state.TokensInWindow + correction);
            }
        }
    }

    private static OpenAiError? Refuse(KeyLimits limits, KeyUsageState state, long tokens, long worstCase)
    {
        if (limits.MaxConcurrentRequests is { } concurrent && state.InFlight >= concurrent)
        {
            return RateLimited("requests", "concurrency_limit_exceeded",
                $"This key allows {concurrent} concurrent requests and has {state.InFlight} in flight.");
        }

        if (limits.RequestsPerMinute is { } rpm && state.Requests.Count >= rpm)
        {
            return RateLimited("requests", "rate_limit_exceeded", $"Rate limit reached on requests per minute (RPM): limit {rpm}, used {state.Requests.Count}.");
        }

        if (limits.TokensPerMinute is { } tpm && state.TokensInWindow + tokens > tpm)
        {
            return RateLimited("tokens", "rate_limit_exceeded",
                $"Rate limit reached on tokens per minute (TPM): limit {tpm}, used {state.TokensInWindow}, requested {tokens}.");
        }

        // In Int128: spent, charged, held and this worst case may each be near long.MaxValue, and a sum that wrapped
        // negative would pass every cap.
        var pending = state.ChargedSinceRead + state.Reserved + worstCase;
        return SpendRefusal("total", limits.SpendLimit, state.SpentTotal + pending)
            ?? SpendRefusal("daily", limits.DailySpendLimit, state.SpentDay + pending)
            ?? SpendRefusal("monthly", limits.MonthlySpendLimit, state.SpentMonth + pending);
    }

    private static OpenAiError? SpendRefusal(string period, long? limit, Int128 wouldSpend) =>
        limit is { } cap && wouldSpend > cap
            ? new OpenAiError(402, "insufficient_quota", "key_spend_limit_exceeded",
                $"This request could take the key past its {period} spend limit of ${UsdAmount.FormatUsd(cap)}"
                + (period == "total" ? "." : $" (it resets at the start of the next UTC {(period == "daily" ? "day" : "month")})."))
            : null;

    private static OpenAiError RateLimited(string type, string code, string message) => new(429, type, code, message);

    private void Trim(KeyUsageState state, long now)
    {
        while (state.Requests.TryPeek(out var at) && timeProvider.GetElapsedTime(at, now) >= Window)
        {
            state.Requests.Dequeue();
        }

        while (state.Tokens.TryPeek(out var entry) && timeProvider.GetElapsedTime(entry.Timestamp, now) >= Window)
        {
            state.Tokens.Dequeue();
            state.TokensInWindow -= entry.Tokens;
        }
    }

    private async Task RefreshSpendAsync(string keyId, KeyUsageState state, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var now = timeProvider.GetTimestamp();
        if (state.SpendDay == today && timeProvider.GetElapsedTime(state.SpendReadAt, now) < _spendRefresh)
        {
            return;
        }

        // Read outside the lock; what this node charges while the read runs is counted twice at worst (safe side).
        long chargedBefore;
        lock (state.Sync)
        {
            chargedBefore = state.ChargedSinceRead;
        }

        var spend = await outage.CallAsync(token => ledger.GetKeySpendAsync(keyId, today, token), cancellationToken);
        lock (state.Sync)
        {
            state.SpendDay = today;
            state.SpendReadAt = now;
            state.SpentTotal = spend.Total;
            state.SpentDay = spend.Day;
            state.SpentMonth = spend.Month;
            state.ChargedSinceRead -= chargedBefore;
        }
    }
}
