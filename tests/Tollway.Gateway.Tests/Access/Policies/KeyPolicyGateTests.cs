using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Access.Policies;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Tests.Access.Policies;

/// <summary>
/// A key's limits add tokens and money without ever wrapping: a sum past the largest value refuses, never admits. And
/// they hold for every key made under it together: the requests of its keys (and of theirs) count against its spend
/// caps, rates and concurrency as its own requests do, and a key whose maker is gone is refused.
/// </summary>
public sealed class KeyPolicyGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordedSpendQueries _ledger = new();
    private readonly ApiKeyCache _cache = new();
    private KeyPolicyGate? _gate;

    /// <summary>One gate, for tests that admit the requests of several keys of a family.</summary>
    private KeyPolicyGate Gate => _gate ??= NewGate();

    [Fact]
    public async Task AdmitAsync_TokensThatWouldWrapTheWindow_AreRefused()
    {
        var gate = NewGate();
        var key = Key(new KeyLimits(TokensPerMinute: 1_000));
        Assert.NotNull((await gate.AdmitAsync(key, 500, 0, CancellationToken.None)).Admission);

        // 500 + int.MaxValue wraps negative in an int: a window that "has room" for anything after it.
        var (admission, refusal) = await gate.AdmitAsync(key, int.MaxValue, 0, CancellationToken.None);
        var (next, _) = await gate.AdmitAsync(key, 400, 0, CancellationToken.None);

        Assert.Null(admission);
        Assert.Equal(429, refusal!.Status);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task AdmitAsync_HeldWorstCasesPastALong_AreRefusedByTheSpendCap()
    {
        var gate = NewGate();
        var key = Key(new KeyLimits(SpendLimit: long.MaxValue));
        var (first, _) = await gate.AdmitAsync(key, 10, long.MaxValue - 10, CancellationToken.None);
        Assert.NotNull(first);

        // What the first holds plus 100 passes the cap; summed in a long it would wrap negative and pass it.
        var (second, refusal) = await gate.AdmitAsync(key, 10, 100, CancellationToken.None);

        Assert.Null(second);
        Assert.Equal("key_spend_limit_exceeded", refusal!.Code);
    }

    [Fact]
    public async Task AdmitAsync_RecordedSpendPlusHeldPastALong_IsRefused()
    {
        _ledger.Spend = new KeySpend(long.MaxValue - 5, 0, 0);
        var gate = NewGate();

        var (admission, refusal) = await gate.AdmitAsync(Key(new KeyLimits(SpendLimit: long.MaxValue)), 10, 50, CancellationToken.None);

        Assert.Null(admission);
        Assert.Equal("key_spend_limit_exceeded", refusal!.Code);
    }

    [Fact]
    public async Task Complete_ActualTokensFarAboveTheEstimate_CorrectTheWindowWithoutWrapping()
    {
        var gate = NewGate();
        var key = Key(new KeyLimits(TokensPerMinute: 1_000));
        var (admission, _) = await gate.AdmitAsync(key, 100, 0, CancellationToken.None);

        // A provider reporting two counts near int.MaxValue: their sum is a long, and it fills the window.
        admission!.Complete(0, (long)int.MaxValue + int.MaxValue);
        var (next, refusal) = await gate.AdmitAsync(key, 1, 0, CancellationToken.None);

        Assert.Null(next);
        Assert.Equal(429, refusal!.Status);
    }

    [Fact]
    public async Task AdmitAsync_KeysOfACappedMaker_TogetherHoldNoMoreThanItsCap()
    {
        var maker = Add("key_maker", null, new KeyLimits(SpendLimit: 100));
        var children = Enumerable.Range(0, 5).Select(i => Add($"key_child{i}", maker.Id, new KeyLimits(SpendLimit: 100))).ToArray();

        var first = await Gate.AdmitAsync(children[0], 1, 60, CancellationToken.None);
        var tooMuch = await Gate.AdmitAsync(children[1], 1, 41, CancellationToken.None);
        var rest = await Gate.AdmitAsync(children[2], 1, 40, CancellationToken.None);

        Assert.NotNull(first.Admission);
        Assert.Null(tooMuch.Admission);
        Assert.Equal("key_spend_limit_exceeded", tooMuch.Refusal!.Code);
        Assert.Contains(maker.Id, tooMuch.Refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(rest.Admission);
        // Charged or held, it is the maker's: 60 charged and 40 held leave nothing for any key under it.
        first.Admission!.Complete(60, 1);
        Assert.Null((await Gate.AdmitAsync(children[3], 1, 1, CancellationToken.None)).Admission);
        rest.Admission!.Complete(30, 1);
        Assert.NotNull((await Gate.AdmitAsync(children[4], 1, 10, CancellationToken.None)).Admission);
        Assert.Null((await Gate.AdmitAsync(children[4], 1, 1, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_RecordedSpendOfTheMakersFamily_CountsAgainstEveryKeyUnderIt()
    {
        var top = Add("key_top", null, new KeyLimits(DailySpendLimit: 1_000));
        var maker = Add("key_maker", top.Id, null);
        var child = Add("key_child", maker.Id, new KeyLimits(DailySpendLimit: 1_000));
        // What the family spent today, as the ledger sums it for the top key (the child itself spent nothing).
        _ledger.SpendByKey[top.Id] = new KeySpend(990, 990, 990);

        var (refused, refusal) = await Gate.AdmitAsync(child, 1, 11, CancellationToken.None);
        var (admitted, _) = await Gate.AdmitAsync(child, 1, 10, CancellationToken.None);

        Assert.Null(refused);
        Assert.Contains("daily spend limit", refusal!.Message, StringComparison.Ordinal);
        Assert.Contains(top.Id, refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(admitted);
    }

    [Fact]
    public async Task AdmitAsync_RequestsPerMinuteOfTheMaker_AreSharedByItsKeys()
    {
        var maker = Add("key_maker", null, new KeyLimits(RequestsPerMinute: 2));
        var a = Add("key_a", maker.Id, new KeyLimits(RequestsPerMinute: 2));
        var b = Add("key_b", maker.Id, null);

        Assert.NotNull((await Gate.AdmitAsync(a, 1, 0, CancellationToken.None)).Admission);
        Assert.NotNull((await Gate.AdmitAsync(b, 1, 0, CancellationToken.None)).Admission);
        var (third, refusal) = await Gate.AdmitAsync(a, 1, 0, CancellationToken.None);

        Assert.Null(third);
        Assert.Equal(429, refusal!.Status);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.NotNull((await Gate.AdmitAsync(b, 1, 0, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_TokensPerMinuteOfTheMaker_AreSharedByItsKeys()
    {
        var maker = Add("key_maker", null, new KeyLimits(TokensPerMinute: 1_000));
        var a = Add("key_a", maker.Id, new KeyLimits(TokensPerMinute: 1_000));
        var b = Add("key_b", maker.Id, new KeyLimits(TokensPerMinute: 1_000));

        Assert.NotNull((await Gate.AdmitAsync(a, 600, 0, CancellationToken.None)).Admission);
        var (refused, refusal) = await Gate.AdmitAsync(b, 401, 0, CancellationToken.None);

        Assert.Null(refused);
        Assert.Equal("rate_limit_exceeded", refusal!.Code);
        Assert.NotNull((await Gate.AdmitAsync(b, 400, 0, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_ConcurrencyOfTheMaker_IsSharedByItsKeysUntilOneCompletes()
    {
        var maker = Add("key_maker", null, new KeyLimits(MaxConcurrentRequests: 1));
        var a = Add("key_a", maker.Id, new KeyLimits(MaxConcurrentRequests: 1));
        var b = Add("key_b", maker.Id, new KeyLimits(MaxConcurrentRequests: 1));

        var (running, _) = await Gate.AdmitAsync(a, 1, 0, CancellationToken.None);
        var (refused, refusal) = await Gate.AdmitAsync(b, 1, 0, CancellationToken.None);
        running!.Complete(0, 1);
        var (after, _) = await Gate.AdmitAsync(b, 1, 0, CancellationToken.None);

        Assert.Null(refused);
        Assert.Equal("concurrency_limit_exceeded", refusal!.Code);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task AdmitAsync_KeyWhoseMakerWasRevokedSinceItWasAuthenticated_IsRefusedAsRevoked()
    {
        var maker = Add("key_maker", null, null);
        var child = Add("key_child", maker.Id, null);

        _cache.ApplyLocal(maker with { RevokedAt = _time.GetUtcNow(), Version = 99 });
        var (admission, refusal) = await Gate.AdmitAsync(child, 1, 0, CancellationToken.None);

        Assert.Null(admission);
        Assert.Equal("invalid_api_key", refusal!.Code);
    }

    [Fact]
    public async Task AdmitAsync_NoLimitInTheWholeLine_AdmitsWithoutCounting()
    {
        var maker = Add("key_maker", null, new KeyLimits(ExpiresAt: _time.GetUtcNow().AddDays(1)));
        var child = Add("key_child", maker.Id, null);

        var (admission, refusal) = await Gate.AdmitAsync(child, 1, long.MaxValue, CancellationToken.None);

        Assert.NotNull(admission);
        Assert.Null(refusal);
    }

    private KeyPolicyGate NewGate() =>
        new(_ledger, _cache, Options.Create(new KeyPolicyOptions()), _time, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));

    private ApiKeyRecord Add(string id, string? makerId, KeyLimits? limits)
    {
        var key = new ApiKeyRecord(id, "acct_1", id, KeyHash.Compute(id), "abcd", ApiKeyRole.AccountManagement, null, DateTimeOffset.UnixEpoch,
            Limits: limits, MakerId: makerId);
        _cache.ApplyLocal(key);
        return key;
    }

    private static ApiKeyRecord Key(KeyLimits limits) =>
        new("key_1", "acct_1", "test", default, "abcd", ApiKeyRole.Inference, null, DateTimeOffset.UnixEpoch, Limits: limits);
}
