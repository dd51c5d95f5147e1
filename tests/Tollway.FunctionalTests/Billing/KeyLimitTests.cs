using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Access.Keys;
using Tollway.Gateway.Money.Billing;
using Tollway.Testing.Upstreams;

namespace Tollway.FunctionalTests.Billing;

/// <summary>Every key limit refuses with the status and message that say which, and lets go when its window passes.</summary>
public sealed class KeyLimitTests(ClockedGatewayFixture gateway) : IClassFixture<ClockedGatewayFixture>
{
    private const string Chat = """{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"max_tokens":100}""";

    [Fact]
    public async Task RequestsPerMinute_ThirdOfTwo_Answers429UntilTheMinutePasses()
    {
        var key = await KeyWithAsync(new KeyLimits(RequestsPerMinute: 2));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
        using (var refused = await gateway.PostAsync("/v1/chat/completions", Chat, key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            var error = await GatewayFixture.ReadErrorAsync(refused);
            Assert.Equal("rate_limit_exceeded", error.GetProperty("code").GetString());
            Assert.Contains("requests per minute", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        gateway.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
    }

    [Fact]
    public async Task TokensPerMinute_UsedUp_Answers429UntilTheMinutePasses()
    {
        var key = await KeyWithAsync(new KeyLimits(TokensPerMinute: 300));
        gateway.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(150, 100)));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
        using (var refused = await gateway.PostAsync("/v1/chat/completions", Chat, key))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Contains("tokens per minute", (await GatewayFixture.ReadErrorAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        gateway.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
    }

    [Fact]
    public async Task ConcurrentRequests_OverTheLimit_Answer429WhileTheFirstRuns()
    {
        var key = await KeyWithAsync(new KeyLimits(MaxConcurrentRequests: 1));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.Upstream.Enqueue(UpstreamFault.HoldStreamUntil(release));
        var streamed = Chat.Replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\"", StringComparison.Ordinal);

        using (var first = await gateway.PostAsync("/v1/chat/completions", streamed, key, stream: true))
        {
            using var reader = new SseReader(await first.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            Assert.NotNull(await reader.ReadDataAsync(TestContext.Current.CancellationToken));

            using (var second = await gateway.PostAsync("/v1/chat/completions", Chat, key))
            {
                Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
                Assert.Equal("concurrency_limit_exceeded", (await GatewayFixture.ReadErrorAsync(second)).GetProperty("code").GetString());
            }

            release.SetResult();
            await reader.ReadAllAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));
    }

    [Theory]
    [InlineData("total")]
    [InlineData("daily")]
    [InlineData("monthly")]
    public async Task SpendLimit_Reached_Answers402NamingThePeriod_AndResetsWithIt(string period)
    {
        // A gateway of its own, whose clock starts an hour before a UTC midnight that is also a month's end: the reset is
        // a short jump away (a clock moved by weeks would make every periodic timer fire once per period in between).
        await using var own = new ClockedGatewayFixture();
        await own.InitializeAsync();
        // Each request here costs about $0.0000612 (10 prompt tokens at most × $0.15/M + 100 × $0.60/M).
        var cap = 100_000L;
        var limits = period switch
        {
            "total" => new KeyLimits(SpendLimit: cap),
            "daily" => new KeyLimits(DailySpendLimit: cap),
            _ => new KeyLimits(MonthlySpendLimit: cap),
        };
        var (key, _, keyId) = await own.CreateFundedKeyAsync("limited", "1");
        await own.Services.GetRequiredService<LedgerAdministration>().SetKeyLimitsAsync(keyId, limits, CancellationToken.None);
        own.Upstream.Enqueue(UpstreamFault.WithUsage(new UpstreamUsage(10, 100)));

        using (var first = await own.PostAsync("/v1/chat/completions", Chat, key))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var refused = await own.PostAsync("/v1/chat/completions", Chat, key))
        {
            Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
            var error = await GatewayFixture.ReadErrorAsync(refused);
            Assert.Equal("key_spend_limit_exceeded", error.GetProperty("code").GetString());
            Assert.Contains($"{period} spend limit", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        own.Time.Advance(TimeSpan.FromHours(2));
        using var next = await own.PostAsync("/v1/chat/completions", Chat, key);
        Assert.True(next.StatusCode == (period == "total" ? HttpStatusCode.PaymentRequired : HttpStatusCode.OK),
            $"{next.StatusCode}: {await next.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    [Fact]
    public async Task ExpiredKey_Answers401KeyExpired()
    {
        var key = await KeyWithAsync(new KeyLimits(ExpiresAt: gateway.Time.GetUtcNow().AddMinutes(5)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(key));

        gateway.Time.Advance(TimeSpan.FromMinutes(6));

        using var refused = await gateway.PostAsync("/v1/chat/completions", Chat, key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("key_expired", (await GatewayFixture.ReadErrorAsync(refused)).GetProperty("code").GetString());
    }

    private async Task<string> KeyWithAsync(KeyLimits limits)
    {
        var (key, _, keyId) = await gateway.CreateFundedKeyAsync("limited", "1");
        await gateway.Services.GetRequiredService<LedgerAdministration>().SetKeyLimitsAsync(keyId, limits, CancellationToken.None);
        return key;
    }

    private async Task<HttpStatusCode> StatusAsync(string key)
    {
        using var response = await gateway.PostAsync("/v1/chat/completions", Chat, key);
        return response.StatusCode;
    }
}
