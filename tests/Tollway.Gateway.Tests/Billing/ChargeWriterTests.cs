using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tollway.Gateway.Billing;
using Tollway.Gateway.Ledger;
using Tollway.Testing;

namespace Tollway.Gateway.Tests.Billing;

/// <summary>How <see cref="ChargeWriter"/> groups charges into commits, and who runs each commit.</summary>
public sealed class ChargeWriterTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingChargeStore _store = new();
    private readonly ChargeWriter _writer;

    public ChargeWriterTests() => _writer = new ChargeWriter(_store, _time, NullLogger<ChargeWriter>.Instance);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _store.Pause?.TrySetResult();
        await _writer.StopAsync(CancellationToken.None);
        _writer.Dispose();
    }

    [Fact]
    public async Task CommitAsync_NoCommitRunning_CommitsOnTheCallersThreadBeforeReturning()
    {
        // The writer's loop is not even started: nothing else could have committed it.
        var thread = Environment.CurrentManagedThreadId;

        var commit = _writer.CommitAsync(Charge("gen-1"));

        Assert.True(commit.IsCompletedSuccessfully, "the charge waited for another thread");
        Assert.Equal(PostOutcome.Posted, await commit);
        Assert.Equal([thread], _store.CommitThreads);
        Assert.Equal(["gen-1"], Assert.Single(_store.Batches));
    }

    [Fact]
    public async Task CommitAsync_WhileACommitRuns_QueuedChargesGoInTheNextCommitTogether()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));

        var queued = new[] { _writer.CommitAsync(Charge("gen-2")), _writer.CommitAsync(Charge("gen-3")), _writer.CommitAsync(Charge("gen-4")) };
        Assert.All(queued, commit => Assert.False(commit.IsCompleted));
        _store.Pause.SetResult();

        Assert.Equal(PostOutcome.Posted, await first);
        Assert.All(await Task.WhenAll(queued), outcome => Assert.Equal(PostOutcome.Posted, outcome));
        Assert.Equal([["gen-1"], ["gen-2", "gen-3", "gen-4"]], _store.Batches);
    }

    [Fact]
    public async Task CommitAsync_ChargesQueuedBeforeTheCallersTurn_CommittedWithTheCallersCharge()
    {
        // The writer is not started, so the queued charges wait until a caller finds the turn free.
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));
        var queued = _writer.CommitAsync(Charge("gen-2"));
        _store.Pause.SetResult();
        await first;
        _store.Pause = null;

        var next = _writer.CommitAsync(Charge("gen-3"));

        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(PostOutcome.Posted, await queued);
        Assert.Equal([["gen-1"], ["gen-3", "gen-2"]], _store.Batches);
    }

    [Fact]
    public async Task CommitAsync_CommitFails_RetriedUntilItIsDurable()
    {
        _store.FailuresLeft = 2;

        var commit = _writer.CommitAsync(Charge("gen-1"));
        await Eventually.TrueAsync(() => { _time.Advance(TimeSpan.FromSeconds(1)); return commit.IsCompleted; },
            "the retried commit", TestContext.Current.CancellationToken);

        Assert.Equal(PostOutcome.Posted, await commit);
        Assert.Equal(["gen-1"], Assert.Single(_store.Batches));
        Assert.Equal(3, _store.CommitThreads.Count);
    }

    [Fact]
    public async Task StopAsync_ChargesQueued_WritesThemBeforeStopping()
    {
        await _writer.StartAsync(CancellationToken.None);
        _store.Pause = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = _writer.CommitAsync(Charge("gen-1"));
        var queued = _writer.CommitAsync(Charge("gen-2"));

        var stopping = _writer.StopAsync(CancellationToken.None);
        _store.Pause.SetResult();
        await stopping;

        Assert.True(queued.IsCompletedSuccessfully, "stopped before the queued charge was written");
        Assert.Equal(PostOutcome.Posted, await first);
        Assert.Equal([["gen-1"], ["gen-2"]], _store.Batches);
        Assert.Throws<InvalidOperationException>(() => { _ = _writer.CommitAsync(Charge("gen-3")); });
    }

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
        "node-1");
}
