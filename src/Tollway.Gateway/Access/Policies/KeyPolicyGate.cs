using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Errors;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;
using Tollway.Gateway.Wire;

namespace Tollway.Gateway.Access.Policies;

/// <summary>
/// Enforces a key's limits on this node: requests and tokens per minute (sliding one-minute window), requests in
/// flight, and spend caps (total, UTC day, UTC month) against its recorded spend plus what its requests hold now. A
/// key's limits hold for its whole family: a request counts against its own key and against every key above it (the
/// key that made it through the account API, that key's maker, …), so the keys a management key makes never spend, go
/// faster or run more at once than it may itself. Time comes from the injected <see cref="TimeProvider"/>, so windows
/// and resets are tested without waiting.
/// </summary>
public sealed class KeyPolicyGate(
    ILedgerQueries ledger, ApiKeyCache keys, IOptions<KeyPolicyOptions> options, TimeProvider timeProvider, DatabaseOutage outage)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, KeyUsageState> _states = new(StringComparer.Ordinal);

    /// <summary>One lock per family, by the id of its top key: every key of a family is checked and counted under it.</summary>
    private readonly ConcurrentDictionary<string, Lock> _familyLocks = new(StringComparer.Ordinal);

    private readonly TimeSpan _spendRefresh = options.Value.KeySpendRefresh;

    /// <summary>
    /// Admits a request that may cost up to <paramref name="worstCase"/> and use about <paramref name="tokens"/>, or says
    /// which limit refuses it. A key with a spend limit whose spend is due to be read again while the database cannot be
    /// reached is refused with 503 (<see cref="GatewayError.DatabaseUnavailable"/>): its limit cannot be checked.
    /// </summary>
    public async ValueTask<(KeyAdmission? Admission, GatewayError? Refusal)> AdmitAsync(
        KeyChain chain, long tokens, long worstCase, CancellationToken cancellationToken)
    {
        // The makers were live when the key was authenticated; one revoked since ends the request as the key's own would.
        var key = chain.Key;
        if (keys.LiveMakersOf(chain) is not { } makers)
        {
            return (null, GatewayError.InvalidKey());
        }

        var line = Governing(key, makers);
        if (line.Length == 0)
        {
            return (KeyAdmission.Unlimited, null);
        }

        foreach (var (limited, state) in line)
        {
            if (!limited.EffectiveLimits.HasSpendLimit)
            {
                continue;
            }

            try
            {
                await RefreshSpendAsync(state, cancellationToken);
            }
            catch (DatabaseUnavailableException)
            {
                return (null, GatewayError.DatabaseUnavailable());
            }
        }

        var now = timeProvider.GetTimestamp();
        lock (line[0].State.Sync)
        {
            foreach (var (limited, state) in line)
            {
                Trim(state, now);
                if (Refuse(limited.EffectiveLimits, state, tokens, worstCase) is { } refusal)
                {
                    return (null, limited.Id == key.Id ? refusal : refusal with { Message = refusal.Message + AboveThisKey(limited) });
                }
            }

            var states = new KeyUsageState[line.Length];
            for (var i = 0; i < line.Length; i++)
            {
                var state = states[i] = line[i].State;
                state.InFlight++;
                state.Requests.Enqueue(now);
                state.Tokens.Enqueue((now, tokens));
                state.TokensInWindow = checked(state.TokensInWindow + tokens);
                state.Reserved += worstCase;
            }

            return (new KeyAdmission(this, states, worstCase, tokens, now), null);
        }
    }

    internal void Complete(KeyUsageState[] states, KeyAdmission admission, long charged, long actualTokens)
    {
        // The window counted the estimate at admission; from now on it counts what was really used.
        var correction = actualTokens - admission.Tokens;
        var corrects = correction != 0 && timeProvider.GetElapsedTime(admission.Timestamp) < Window;
        lock (states[0].Sync)
        {
            foreach (var state in states)
            {
                state.InFlight--;
                state.Reserved -= admission.Reserved;
                state.ChargedSinceRead = checked(state.ChargedSinceRead + charged);
                if (corrects)
                {
                    state.Tokens.Enqueue((admission.Timestamp, correction));
                    state.TokensInWindow = checked(state.TokensInWindow + correction);
                }
            }
        }
    }

    /// <summary>The key and the keys above it that have limits, each with its state, all under their family's lock.</summary>
    private (ApiKeyRecord Key, KeyUsageState State)[] Governing(ApiKeyRecord key, IReadOnlyList<ApiKeyRecord> makers)
    {
        var count = (IsLimited(key) ? 1 : 0) + makers.Count(IsLimited);
        if (count == 0)
        {
            return [];
        }

        var family = _familyLocks.GetOrAdd(makers.Count == 0 ? key.Id : makers[^1].Id, static _ => new Lock());
        var line = new (ApiKeyRecord Key, KeyUsageState State)[count];
        var next = 0;
        for (var i = -1; i < makers.Count; i++)
        {
            var member = i < 0 ? key : makers[i];
            if (IsLimited(member))
            {
                line[next++] = (member, _states.GetOrAdd(member.Id, static (id, sync) => new KeyUsageState(id, sync), family));
            }
        }

        return line;
    }

    /// <summary>Whether any limit but expiry (which authentication enforces) is set.</summary>
    private static bool IsLimited(ApiKeyRecord key) =>
        key.Limits is { } limits && (limits.HasSpendLimit || limits.RequestsPerMinute is not null || limits.TokensPerMinute is not null
            || limits.MaxConcurrentRequests is not null);

    private static string AboveThisKey(ApiKeyRecord maker) =>
        $" The limit is that of key {maker.Id}, above this one: a key's limits hold for every key made under it together.";

    private static GatewayError? Refuse(KeyLimits limits, KeyUsageState state, long tokens, long worstCase)
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

    private static GatewayError? SpendRefusal(string period, long? limit, Int128 wouldSpend) =>
        limit is { } cap && wouldSpend > cap
            ? new GatewayError(402, "insufficient_quota", "key_spend_limit_exceeded",
                $"This request could take the key past its {period} spend limit of ${UsdAmount.FormatUsd(cap)}"
                + (period == "total" ? "." : $" (it resets at the start of the next UTC {(period == "daily" ? "day" : "month")})."))
            : null;

    private static GatewayError RateLimited(string type, string code, string message) => new(429, type, code, message);

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

    private async Task RefreshSpendAsync(KeyUsageState state, CancellationToken cancellationToken)
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

        // The family's spend: what the keys made under this one charged counts against its caps too.
        var spend = await outage.CallAsync(token => ledger.GetKeySpendAsync(state.KeyId, today, token), cancellationToken);
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
