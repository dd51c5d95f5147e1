using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tollway.Gateway.Diagnostics;
using Tollway.Gateway.Ledger;

namespace Tollway.Gateway.Billing;

/// <summary>
/// Group commit for charges. One commit runs at a time. A charge that finds none running is committed at once on its
/// request's own thread, with whatever queued behind the last commit; one that finds a commit running queues, and the
/// writer takes everything queued when the turn comes back, commits it in a single database transaction and wakes them
/// all. Nothing is delayed to form a batch: under load one commit serves many requests, and idle, a request commits its
/// own charge without waking another thread and waiting to be woken back (two thread hand-offs, measured as most of a
/// lone request's wait for its charge; bench/NOTES.md).
/// A failed commit is retried, never dropped; on shutdown the queue is written out before the process exits.
/// </summary>
internal sealed class ChargeWriter(ILedgerStore store, TimeProvider timeProvider, ILogger<ChargeWriter> logger) : BackgroundService
{
    private const int MaxBatch = 2048;

    /// <summary>Tries of a whole batch before it is split into single charges.</summary>
    private const int AttemptsBeforeSplitting = 3;

    /// <summary>Tries of one charge; a database down for longer than these (about a minute) loses no charge that a
    /// restart can redo, since an unsettled request's hold simply expires with its lease.</summary>
    private const int AttemptsPerCharge = 40;

    private readonly Channel<QueuedCharge> _queue = Channel.CreateUnbounded<QueuedCharge>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The turn to commit: whoever holds it owns <see cref="_batch"/> and <see cref="_pending"/>. A writer
    /// waiting for it gets it before a request that comes later, so queued charges are not passed over.</summary>
    private readonly SemaphoreSlim _turn = new(1, 1);

    private readonly List<QueuedCharge> _batch = new(MaxBatch);
    private readonly List<PendingCharge> _pending = new(MaxBatch);
    private volatile bool _stopped;

    /// <summary>Commits or queues a charge; the task completes when it is durable (or was a duplicate, or refused).</summary>
    public Task<PostOutcome> CommitAsync(PendingCharge charge)
    {
        if (_stopped)
        {
            throw Stopped();
        }

        if (_turn.Wait(0))
        {
            return CommitNowAsync(charge);
        }

        var queued = new QueuedCharge(charge, new TaskCompletionSource<PostOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(queued))
        {
            throw Stopped();
        }

        return queued.Done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopped = true;
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // ExecuteAsync never runs if the host stops before its thread started; what was queued is written here then.
        while (!_queue.Reader.Completion.IsCompleted)
        {
            await CommitQueuedAsync();
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _turn.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drained to the end even when stopping: a charge that was queued is written before the process exits.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            await CommitQueuedAsync();
        }
    }

    /// <summary>Waits for the turn and commits what is queued then, if a request with the turn did not take it all.</summary>
    private async Task CommitQueuedAsync()
    {
        await _turn.WaitAsync(CancellationToken.None);
        try
        {
            TakeQueued();
            if (_batch.Count > 0)
            {
                Complete(await CommitWithRetryAsync(_pending), first: 0);
            }
        }
        finally
        {
            _batch.Clear();
            _pending.Clear();
            _turn.Release();
        }
    }

    /// <summary>Commits the caller's charge, and what queued while the turn was taken, before the caller goes on.
    /// Under the turn, which the caller took.</summary>
    private async Task<PostOutcome> CommitNowAsync(PendingCharge charge)
    {
        try
        {
            _pending.Add(charge);
            TakeQueued();
            var outcomes = await CommitWithRetryAsync(_pending);
            LogIfRefused(charge, outcomes[0]);
            Complete(outcomes, first: 1);
            return outcomes[0];
        }
        finally
        {
            _batch.Clear();
            _pending.Clear();
            _turn.Release();
        }
    }

    private void TakeQueued()
    {
        while (_pending.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
        {
            _batch.Add(queued);
            _pending.Add(queued.Charge);
        }
    }

    /// <summary>Wakes the queued charges of the batch; theirs are the outcomes from <paramref name="first"/> on.</summary>
    private void Complete(IReadOnlyList<PostOutcome> outcomes, int first)
    {
        for (var i = 0; i < _batch.Count; i++)
        {
            var outcome = outcomes[first + i];
            LogIfRefused(_batch[i].Charge, outcome);
            _batch[i].Done.TrySetResult(outcome);
        }
    }

    private void LogIfRefused(PendingCharge pending, PostOutcome outcome)
    {
        if (outcome is PostOutcome.InsufficientFunds)
        {
            Log.ChargeRefused(logger, pending.Charge.RequestId, pending.Charge.AccountId, outcome.ToString());
        }
    }

    private static InvalidOperationException Stopped() => new("The charge writer has stopped; charges can no longer be recorded.");

    private async Task<IReadOnlyList<PostOutcome>> CommitWithRetryAsync(List<PendingCharge> pending)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.CommitChargesAsync(pending, CancellationToken.None);
            }
            catch (Exception ex) when (attempt < AttemptsBeforeSplitting || pending.Count == 1 && attempt < AttemptsPerCharge)
            {
                // Charges are money: keep them and keep trying. Each retry is safe, since references make charges idempotent.
                Log.ChargeCommitFailed(logger, pending.Count, ex);
                await Task.Delay(delay, timeProvider, CancellationToken.None);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
            catch (Exception ex) when (pending.Count > 1)
            {
                // One bad charge must not hold back the others: commit them one by one.
                Log.ChargeCommitFailed(logger, pending.Count, ex);
                var outcomes = new List<PostOutcome>(pending.Count);
                foreach (var charge in pending)
                {
                    outcomes.AddRange(await CommitWithRetryAsync([charge]));
                }

                return outcomes;
            }
            catch (Exception ex)
            {
                Log.ChargeAbandoned(logger, pending[0].Charge.RequestId, pending[0].Charge.AccountId, pending[0].Charge.Total, ex);
                return [PostOutcome.Failed];
            }
        }
    }

    private sealed record QueuedCharge(PendingCharge Charge, TaskCompletionSource<PostOutcome> Done);
}
