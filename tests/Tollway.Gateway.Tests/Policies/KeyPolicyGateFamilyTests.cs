using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Policies;

namespace Tollway.Gateway.Tests.Policies;

/// <summary>
/// A key's limits hold for every key made under it together: the requests of its keys (and of theirs) count against
/// its spend caps, rates and concurrency as its own requests do, and a key whose maker is gone is refused.
/// </summary>
public sealed class KeyPolicyGateFamilyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordedSpendQueries _ledger = new();
    private readonly ApiKeyCache _cache = new();
    private readonly KeyPolicyGate _gate;

    public KeyPolicyGateFamilyTests() => _gate = new KeyPolicyGate(_ledger, _cache, Options.Create(new TollwayOptions()), _time);

    [Fact]
    public async Task AdmitAsync_KeysOfACappedMaker_TogetherHoldNoMoreThanItsCap()
    {
        var maker = Add("key_maker", null, new KeyLimits(SpendLimit: 100));
        var children = Enumerable.Range(0, 5).Select(i => Add($"key_child{i}", maker.Id, new KeyLimits(SpendLimit: 100))).ToArray();

        var first = await _gate.AdmitAsync(children[0], 1, 60, CancellationToken.None);
        var tooMuch = await _gate.AdmitAsync(children[1], 1, 41, CancellationToken.None);
        var rest = await _gate.AdmitAsync(children[2], 1, 40, CancellationToken.None);

        Assert.NotNull(first.Admission);
        Assert.Null(tooMuch.Admission);
        Assert.Equal("key_spend_limit_exceeded", tooMuch.Refusal!.Code);
        Assert.Contains(maker.Id, tooMuch.Refusal.Message, StringComparison.Ordinal);
        Assert.NotNull(rest.Admission);
        // Charged or held, it is the maker's: 60 charged and 40 held leave nothing for any key under it.
        first.Admission!.Complete(60, 1);
        Assert.Null((await _gate.AdmitAsync(children[3], 1, 1, CancellationToken.None)).Admission);
        rest.Admission!.Complete(30, 1);
        Assert.NotNull((await _gate.AdmitAsync(children[4], 1, 10, CancellationToken.None)).Admission);
        Assert.Null((await _gate.AdmitAsync(children[4], 1, 1, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_RecordedSpendOfTheMakersFamily_CountsAgainstEveryKeyUnderIt()
    {
        var top = Add("key_top", null, new KeyLimits(DailySpendLimit: 1_000));
        var maker = Add("key_maker", top.Id, null);
        var child = Add("key_child", maker.Id, new KeyLimits(DailySpendLimit: 1_000));
        // What the family spent today, as the ledger sums it for the top key (the child itself spent nothing).
        _ledger.SpendByKey[top.Id] = new KeySpend(990, 990, 990);

        var (refused, refusal) = await _gate.AdmitAsync(child, 1, 11, CancellationToken.None);
        var (admitted, _) = await _gate.AdmitAsync(child, 1, 10, CancellationToken.None);

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

        Assert.NotNull((await _gate.AdmitAsync(a, 1, 0, CancellationToken.None)).Admission);
        Assert.NotNull((await _gate.AdmitAsync(b, 1, 0, CancellationToken.None)).Admission);
        var (third, refusal) = await _gate.AdmitAsync(a, 1, 0, CancellationToken.None);

        Assert.Null(third);
        Assert.Equal(429, refusal!.Status);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.NotNull((await _gate.AdmitAsync(b, 1, 0, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_TokensPerMinuteOfTheMaker_AreSharedByItsKeys()
    {
        var maker = Add("key_maker", null, new KeyLimits(TokensPerMinute: 1_000));
        var a = Add("key_a", maker.Id, new KeyLimits(TokensPerMinute: 1_000));
        var b = Add("key_b", maker.Id, new KeyLimits(TokensPerMinute: 1_000));

        Assert.NotNull((await _gate.AdmitAsync(a, 600, 0, CancellationToken.None)).Admission);
        var (refused, refusal) = await _gate.AdmitAsync(b, 401, 0, CancellationToken.None);

        Assert.Null(refused);
        Assert.Equal("rate_limit_exceeded", refusal!.Code);
        Assert.NotNull((await _gate.AdmitAsync(b, 400, 0, CancellationToken.None)).Admission);
    }

    [Fact]
    public async Task AdmitAsync_ConcurrencyOfTheMaker_IsSharedByItsKeysUntilOneCompletes()
    {
        var maker = Add("key_maker", null, new KeyLimits(MaxConcurrentRequests: 1));
        var a = Add("key_a", maker.Id, new KeyLimits(MaxConcurrentRequests: 1));
        var b = Add("key_b", maker.Id, new KeyLimits(MaxConcurrentRequests: 1));

        var (running, _) = await _gate.AdmitAsync(a, 1, 0, CancellationToken.None);
        var (refused, refusal) = await _gate.AdmitAsync(b, 1, 0, CancellationToken.None);
        running!.Complete(0, 1);
        var (after, _) = await _gate.AdmitAsync(b, 1, 0, CancellationToken.None);

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
        var (admission, refusal) = await _gate.AdmitAsync(child, 1, 0, CancellationToken.None);

        Assert.Null(admission);
        Assert.Equal("invalid_api_key", refusal!.Code);
    }

    [Fact]
    public async Task AdmitAsync_NoLimitInTheWholeLine_AdmitsWithoutCounting()
    {
        var maker = Add("key_maker", null, new KeyLimits(ExpiresAt: _time.GetUtcNow().AddDays(1)));
        var child = Add("key_child", maker.Id, null);

        var (admission, refusal) = await _gate.AdmitAsync(child, 1, long.MaxValue, CancellationToken.None);

        Assert.NotNull(admission);
        Assert.Null(refusal);
    }

    private ApiKeyRecord Add(string id, string? makerId, KeyLimits? limits)
    {
        var key = new ApiKeyRecord(id, "acct_1", id, KeyHash.Compute(id), "abcd", ApiKeyRole.AccountManagement, null, DateTimeOffset.UnixEpoch,
            Limits: limits, MakerId: makerId);
        _cache.ApplyLocal(key);
        return key;
    }
}
