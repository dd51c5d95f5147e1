using CsCheck;
using Tollway.Gateway.Access.Keys;

namespace Tollway.Gateway.Tests.Access.Keys;

public sealed class KeyCeilingTests
{
    private static readonly DateTimeOffset At = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly KeyCeiling Restricted = new(["a", "b"], new KeyLimits(10, 5, 8, 60, 1000, 2, At));

    [Fact]
    public void FindExcess_WalletSession_AllowsAnythingButTheAdminRole()
    {
        Assert.Null(KeyCeiling.None.FindExcess(ApiKeyRole.AccountManagement, null, KeyLimits.None));
        Assert.Equal("role", KeyCeiling.None.FindExcess(ApiKeyRole.Admin, null, KeyLimits.None));
    }

    [Fact]
    public void FindExcess_ExactlyTheCeilingOrNarrower_Fits()
    {
        Assert.Null(Restricted.FindExcess(ApiKeyRole.AccountManagement, ["b", "a"], Restricted.Limits));
        Assert.Null(Restricted.FindExcess(ApiKeyRole.Inference, ["a"], new KeyLimits(1, 1, 1, 1, 1, 1, At.AddDays(-1))));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(ApiKeyRecord.MaxMakers - 2, true)]
    [InlineData(ApiKeyRecord.MaxMakers - 1, false)]
    public void FindExcess_ManagementRoleDeepUnderOtherKeys_IsRefusedWhereItsKeysWouldPassTheMost(int makers, bool fits)
    {
        var key = new ApiKeyRecord("key_m", "acct", "m", default, "abcd", ApiKeyRole.AccountManagement, null, At);
        var ceiling = KeyCeiling.Of(key, makers);

        Assert.Equal(fits ? null : "role", ceiling.FindExcess(ApiKeyRole.AccountManagement, null, KeyLimits.None));
        // An inference key makes no keys, so it always fits.
        Assert.Null(ceiling.FindExcess(ApiKeyRole.Inference, null, KeyLimits.None));
    }

    public static TheoryData<string, string> OneStepWider() => new()
    {
        { "models", "allowed_models" },
        { "no models", "allowed_models" },
        { "empty models", "allowed_models" },
        { "spend", "limits.spend_limit_usd" },
        { "daily", "limits.daily_spend_limit_usd" },
        { "monthly", "limits.monthly_spend_limit_usd" },
        { "rpm", "limits.requests_per_minute" },
        { "tpm", "limits.tokens_per_minute" },
        { "concurrency", "limits.max_concurrent_requests" },
        { "expiry", "limits.expires_at" },
        { "no expiry", "limits.expires_at" },
    };

    [Theory]
    [MemberData(nameof(OneStepWider))]
    public void FindExcess_OneDimensionOneStepWider_NamesThatField(string widening, string field)
    {
        IReadOnlyList<string>? models = widening switch { "models" => ["a", "c"], "no models" => null, "empty models" => [], _ => ["a", "b"] };
        var limits = widening switch
        {
            "spend" => Restricted.Limits with { SpendLimit = 11 },
            "daily" => Restricted.Limits with { DailySpendLimit = null },
            "monthly" => Restricted.Limits with { MonthlySpendLimit = 9 },
            "rpm" => Restricted.Limits with { RequestsPerMinute = 61 },
            "tpm" => Restricted.Limits with { TokensPerMinute = null },
            "concurrency" => Restricted.Limits with { MaxConcurrentRequests = 3 },
            "expiry" => Restricted.Limits with { ExpiresAt = At.AddTicks(1) },
            "no expiry" => Restricted.Limits with { ExpiresAt = null },
            _ => Restricted.Limits,
        };

        Assert.Equal(field, Restricted.FindExcess(ApiKeyRole.Inference, models, limits));
    }

    [Fact]
    public void FindExcess_KeysMadeByKeysMadeUnderACeiling_NeverExceedIt()
    {
        // A chain of keys never widens: whatever fits under a key that fit under the ceiling fits under the ceiling.
        Gen.Select(Ceiling, Ceiling, Ceiling).Array[2_000].Sample(
            chains =>
            {
                foreach (var (root, child, grandchild) in chains)
                {
                    if (Fits(root, child) && Fits(child, grandchild))
                    {
                        Assert.True(Fits(root, grandchild), $"{grandchild} fits under {child}, which fits under {root}, but not under {root} itself");
                    }
                }
            },
            iter: 1,
            seed: "0N0XIzNsQ0O2");
    }

    private static bool Fits(KeyCeiling maker, KeyCeiling made) => maker.FindExcess(ApiKeyRole.AccountManagement, made.AllowedModels, made.Limits) is null;

    private static Gen<KeyCeiling> Ceiling =>
        Gen.Select(Models, Limits).Select((models, limits) => new KeyCeiling(models, limits));

    private static Gen<IReadOnlyList<string>?> Models =>
        Gen.Int[0, 7].Select(mask => mask == 0 ? null : (IReadOnlyList<string>?)[.. new[] { "a", "b", "c" }.Where((_, i) => (mask & (1 << i)) != 0)]);

    private static Gen<KeyLimits> Limits =>
        Gen.Select(Cap, Cap, Cap, Rate, Rate, Rate, Gen.Int[-1, 3])
            .Select((spend, daily, monthly, rpm, tpm, concurrent, days) =>
                new KeyLimits(spend, daily, monthly, rpm, tpm, concurrent, days < 0 ? null : At.AddDays(days)));

    private static Gen<long?> Cap => Gen.Long[-1, 3].Select(v => v < 0 ? (long?)null : v);

    private static Gen<int?> Rate => Gen.Int[0, 3].Select(v => v == 0 ? (int?)null : v);
}
