using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Tests.Platform.Storage;

/// <summary>
/// A database that cannot be reached is said once in the log when the first call fails and once when a call succeeds
/// again, however many requests meet it in between; each failed call is a <see cref="DatabaseUnavailableException"/>,
/// which the request path answers with 503. A caller that gave up is not an outage.
/// </summary>
public sealed class DatabaseOutageTests
{
    private const int Unreachable = 1270;
    private const int ReachableAgain = 1271;

    private static readonly Func<CancellationToken, Task<int>> Failing = _ => Task.FromException<int>(new InvalidOperationException("connection refused"));

    private static readonly Func<CancellationToken, Task<int>> Answering = _ => Task.FromResult(1);

    [Fact]
    public async Task CallAsync_StoreFails_ThrowsDatabaseUnavailableAroundTheCause()
    {
        var outage = new DatabaseOutage(new RecordingLogger<DatabaseOutage>());

        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => outage.CallAsync(Failing, CancellationToken.None));

        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.True(outage.IsDown);
    }

    [Fact]
    public async Task CallAsync_ManyCallsFailThenOneAnswers_EachIsLoggedOncePerOutage()
    {
        var logger = new RecordingLogger<DatabaseOutage>();
        var outage = new DatabaseOutage(logger);

        for (var i = 0; i < 100; i++)
        {
            await Assert.ThrowsAsync<DatabaseUnavailableException>(() => outage.CallAsync(Failing, CancellationToken.None));
        }

        await outage.CallAsync(Answering, CancellationToken.None);
        await outage.CallAsync(Answering, CancellationToken.None);
        await Assert.ThrowsAsync<DatabaseUnavailableException>(() => outage.CallAsync(Failing, CancellationToken.None));

        Assert.Equal([Unreachable, ReachableAgain, Unreachable], logger.Events);
    }

    [Fact]
    public async Task CallAsync_CallerGaveUp_IsNotAnOutage()
    {
        var logger = new RecordingLogger<DatabaseOutage>();
        var outage = new DatabaseOutage(logger);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => outage.CallAsync(token => Task.FromCanceled<int>(token), gone.Token));

        Assert.False(outage.IsDown);
        Assert.Empty(logger.Events);
    }
}
