using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Tollway.Chain.Chains;
using Tollway.Chain.Deposits;

namespace Tollway.Chain.Tests.Deposits;

public sealed class ChainWatchHealthCheckTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly DepositWatchStatus _status = new();

    [Fact]
    public async Task CheckHealth_PolledJustNow_HealthyWithHeadAndLag()
    {
        _status.Started("local", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(3));
        _status.Succeeded("local", 120, 121, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("local: polling, last successful poll 1s ago; head 120, 0 blocks behind", result.Description);
        Assert.Equal(result.Description, result.Data["local"]);
    }

    [Fact]
    public async Task CheckHealth_LastStepFailed_DegradedNamingTheErrorTypeOnly()
    {
        _status.Succeeded("local", 120, 121, _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(10));
        _status.Failed("local", "RpcUnavailableException", _time.GetUtcNow());

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("local: polling fails (RpcUnavailableException); last successful poll 10s ago; head 120, 0 blocks behind", result.Description);
        Assert.DoesNotContain("secret", result.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealth_FailedThenSucceeded_HealthyAgain()
    {
        _status.Failed("local", "RpcUnavailableException", _time.GetUtcNow());
        _time.Advance(TimeSpan.FromSeconds(1));
        _status.Succeeded("local", 5, 6, _time.GetUtcNow());

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);
    }

    [Fact]
    public async Task CheckHealth_NoSuccessForLongerThanStaleAfterAndAPoll_Degraded()
    {
        _status.Succeeded("local", 120, 121, _time.GetUtcNow());
        _time.Advance(ChainWatchHealthCheck.StaleAfter + Poll);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync()).Status);

        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("local: stalled, last successful poll 303s ago; head 120, 0 blocks behind", result.Description);
    }

    [Fact]
    public async Task CheckHealth_StartedButNoStepEndedForTooLong_Degraded()
    {
        _status.Started("local", _time.GetUtcNow());
        _time.Advance(ChainWatchHealthCheck.StaleAfter + Poll + TimeSpan.FromSeconds(1));

        var result = await CheckAsync();

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("local: stalled, no successful poll yet; no block seen yet", result.Description);
    }

    [Fact]
    public async Task CheckHealth_OneOfTwoChainsFailing_DegradedWithALinePerChain()
    {
        _status.Succeeded("base", 10, 11, _time.GetUtcNow());
        _status.Failed("local", "HttpRequestException", _time.GetUtcNow());

        var result = await CheckAsync(DepositMetricsTests.Chain("base", 8453, Poll), DepositMetricsTests.Chain("local", 31337, Poll));

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.StartsWith("base: polling", (string)result.Data["base"], StringComparison.Ordinal);
        Assert.StartsWith("local: polling fails (HttpRequestException)", (string)result.Data["local"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealth_WatcherNotStarted_Healthy()
    {
        var result = await CheckAsync();

        Assert.Equal((HealthStatus.Healthy, "local: watcher not started yet"), (result.Status, result.Description));
    }

    private Task<HealthCheckResult> CheckAsync(params ChainSettings[] chains)
    {
        var registry = new ChainRegistry(chains.Length > 0 ? chains : [DepositMetricsTests.Chain("local", 31337, Poll)]);
        var check = new ChainWatchHealthCheck(registry, _status, _time);
        var registration = new HealthCheckRegistration("chain", check, HealthStatus.Degraded, ["ready"]);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, TestContext.Current.CancellationToken);
    }
}
