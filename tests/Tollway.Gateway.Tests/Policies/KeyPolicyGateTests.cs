using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Configuration;
using Tollway.Gateway.Keys;
using Tollway.Gateway.Ledger;
using Tollway.Gateway.Policies;
using Tollway.Gateway.Storage;

namespace Tollway.Gateway.Tests.Policies;

/// <summary>A key's limits add tokens and money without ever wrapping: a sum past the largest value refuses, never admits.</summary>
public sealed class KeyPolicyGateTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordedSpendQueries _ledger = new();

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

    private KeyPolicyGate NewGate() => new(_ledger, Options.Create(new TollwayOptions()), _time, new DatabaseOutage(NullLogger<DatabaseOutage>.Instance));

    private static ApiKeyRecord Key(KeyLimits limits) =>
        new("key_1", "acct_1", "test", default, "abcd", ApiKeyRole.Inference, null, DateTimeOffset.UnixEpoch, Limits: limits);
}
