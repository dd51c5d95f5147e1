using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Money.Billing;
using Tollway.Gateway.Money.Ledger;
using Tollway.Testing;

namespace Tollway.Gateway.Tests.Money.Billing;

/// <summary>How <see cref="ChargeWriter"/> groups charges into commits, retries them and writes them out when stopping.</summary>
public sealed class ChargeWriterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingChargeStore _store = new();
    private readonly DatabaseHealthSwitch _database = new();
    private readonly ChargeWriter _writer;

    public ChargeWriterTests() => _writer = new ChargeWriter(_store, _database, _time, NullLogger<ChargeWriter>.Instance);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _store.Pause?.TrySetResult();
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
    }

    [Fact]
    public async Task CommitAsync_WhileACommitRuns_QueuedChargesGoInTheNextCommitTogether()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => _store.Attempts == 1, "the first commit");

        var queued = new[] { _writer.CommitAsync(Charge("gen-2")), _writer.CommitAsync(Charge("gen-3")), _writer.CommitAsync(Charge("gen-4")) };
        Assert.All(queued, commit => Assert.False(commit.IsCompleted));
        _store.Pause.SetResult();

        Assert.Equal(PostOutcome.Posted, await first);
        Assert.All(await Task.WhenAll(queued), outcome => Assert.Equal(PostOutcome.Posted, outcome));
        Assert.Equal([["gen-1"], ["gen-2", "gen-3", "gen-4"]], _store.Batches);
    }

    [Fact]
    public async Task QueueDepthAndOldestWaiting_WhileACommitRuns_CountWhatWaitsAndHowLong()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => _store.Attempts == 1, "the first commit");
        var queued = new[] { _writer.CommitAsync(Charge("gen-2")), _writer.CommitAsync(Charge("gen-3")) };
        _time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(2, _writer.QueueDepth);
        Assert.Equal(TimeSpan.FromSeconds(7), _writer.OldestWaiting);

        _store.Pause.SetResult();
        await first;
        await Task.WhenAll(queued);
        Assert.Equal(0, _writer.QueueDepth);
        Assert.Equal(TimeSpan.Zero, _writer.OldestWaiting);
    }

    [Fact]
    public async Task CommitAsync_CommitFails_RetriedUntilItIsDurable()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.FailuresLeft = 2;

        var commit = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(1)); return commit.IsCompleted; }, "the retried commit");

        Assert.Equal(PostOutcome.Posted, await commit);
        Assert.Equal(["gen-1"], Assert.Single(_store.Batches));
        Assert.Equal(3, _store.Attempts);
    }

    [Fact]
    public async Task CommitAsync_DatabaseDownLongerThanEveryRetry_KeepsTheChargeAndWritesItWhenTheDatabaseIsBack()
    {
        await _writer.StartAsync(CancellationToken.None);
        _database.Answers = false;
        // About three minutes of failures: more than the tries after which a charge used to be given up.
        _store.FailuresLeft = 100;

        var commit = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(2)); return _store.Attempts > 100; }, "a hundred failed commits");
        _database.Answers = true;
        await WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(2)); return commit.IsCompleted; }, "the commit once the database is back");

        Assert.Equal(PostOutcome.Posted, await commit);
        Assert.Equal(["gen-1"], Assert.Single(_store.Batches));
    }

    [Fact]
    public async Task CommitAsync_ChargeRefusedWhileTheDatabaseAnswers_IsGivenUpAndReported()
    {
        var abandoned = new List<PendingCharge>();
        _writer.Abandoned += abandoned.Add;
        await _writer.StartAsync(CancellationToken.None);
        _store.FailuresLeft = int.MaxValue;

        var commit = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => { _time.Advance(TimeSpan.FromSeconds(2)); return commit.IsCompleted; }, "the charge given up");

        // A poison charge must not hold back every charge behind it for ever.
        Assert.Equal(PostOutcome.Failed, await commit);
        Assert.Equal(40, _store.Attempts);
        Assert.Equal("gen-1", Assert.Single(abandoned).Charge.RequestId);
        _store.FailuresLeft = 0;
        Assert.Equal(PostOutcome.Posted, await _writer.CommitAsync(Charge("gen-2")));
    }

    [Fact]
    public async Task StopAsync_ChargesQueued_WritesThemBeforeStopping()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));
        await WaitUntilAsync(() => _store.Attempts == 1, "the first commit");
        var queued = _writer.CommitAsync(Charge("gen-2"));

        var stopping = _writer.StopAsync(CancellationToken.None);
        _store.Pause.SetResult();
        await stopping;

        Assert.True(first.IsCompletedSuccessfully && queued.IsCompletedSuccessfully, "stopped before every queued charge was written");
        Assert.Equal([["gen-1"], ["gen-2"]], _store.Batches);
    }

    [Fact]
    public async Task StopAsync_WriterNeverStarted_WritesWhatWasQueued()
    {
        var commits = new[] { _writer.CommitAsync(Charge("gen-1")), _writer.CommitAsync(Charge("gen-2")) };

        await _writer.StopAsync(CancellationToken.None);

        Assert.All(commits, commit => Assert.True(commit.IsCompletedSuccessfully));
        Assert.Equal([["gen-1", "gen-2"]], _store.Batches);
    }

    [Fact]
    public async Task CommitAsync_AfterStop_Throws()
    {
        await _writer.StartAsync(CancellationToken.None);
        await _writer.StopAsync(CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => { _ = _writer.CommitAsync(Charge("gen-1")); });
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) =>
        Eventually.TrueAsync(condition, what, TestContext.Current.CancellationToken);

    private static PendingCharge Charge(string requestId) => new(
        new ChargeRecord
        {
            RequestId = requestId,
            AccountId = "acct_writer",
            Model = "gpt-4o-mini",
            Provider = "openai",
            UpstreamModel = "gpt-4o-mini",
            CreatedAt = DateTimeOffset.UnixEpoch,
        },
        "node-1",
        1);
}
