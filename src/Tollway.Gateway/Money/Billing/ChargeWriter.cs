using System.Threading.Channels;
using Tollway.Gateway.Money.Ledger;
using Tollway.Gateway.Platform.Diagnostics;
using Tollway.Gateway.Platform.Storage;

namespace Tollway.Gateway.Money.Billing;

/// <summary>
/// Group commit for charges. Requests queue their charge and wait; one writer takes everything queued, commits it in
/// a single database transaction and wakes them all. Nothing is delayed to form a batch: while one commit runs the
/// next batch gathers by itself, so under load one commit serves many requests and idle, one serves one.
/// A failed commit is retried; on shutdown the queue is written out before the process exits.
/// </summary>
/// <remarks>
/// What happens to the money of a charge that cannot be written (the rule; the purse and the store keep their side):
/// <list type="bullet">
/// <item>While the database does not answer (<see cref="IDatabaseHealth"/>), no charge is given up: it is owed, and
/// nothing else could be written meanwhile anyway. Its money stays out of the purse (it was spent) and reserved in its
/// lease in the database, so nobody else can take it. The queue stays bounded: once the node's leases are no longer
/// trusted (billing.leaseTtl), no new holds are taken, so no new charges come.</item>
/// <item>When it is finally written, it is paid from its lease if that lease is still live, else from the account's
/// free balance (see <see cref="ILedgerStore.CommitChargesAsync"/>): written late, it never takes money that other
/// nodes leased after the lease expired; if the free balance cannot pay it, it is refused (the operator's loss, logged)
/// rather than taking the account below what other nodes hold.</item>
/// <item>A charge the database keeps refusing while it answers is given up after <see cref="AttemptsPerCharge"/> tries,
/// so that it does not hold back every charge behind it; its amount goes back to the lease it was taken from
/// (<see cref="Abandoned"/>), where the database still reserves it, so it is neither charged twice nor locked until
/// the node restarts.</item>
/// </list>
/// </remarks>
internal sealed class ChargeWriter(
    ILedgerStore store, IDatabaseHealth database, TimeProvider timeProvider, ILogger<ChargeWriter> logger, BillingMetrics? metrics = null) : BackgroundService
{
    private const int MaxBatch = 2048;

    /// <summary>Tries of a whole batch before it is split into single charges.</summary>
    private const int AttemptsBeforeSplitting = 3;

    /// <summary>Tries of one charge (about a minute) before the writer asks whether the database answers at all.</summary>
    private const int AttemptsPerCharge = 40;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(2);

    private readonly Channel<QueuedCharge> _queue = Channel.CreateUnbounded<QueuedCharge>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>When the oldest charge of the batch being committed was queued (timestamp ticks); 0 between batches.</summary>
    private long _committingSince;

    /// <summary>Charges queued and not yet taken into a commit (counted here: a single-reader unbounded channel cannot count).</summary>
    private int _queued;

    /// <summary>Charges queued and not yet taken into a commit.</summary>
    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>How long the oldest charge not yet durable has waited: zero when the writer keeps up, growing while the
    /// database does not answer.</summary>
    public TimeSpan OldestWaiting
    {
        get
        {
            var since = Interlocked.Read(ref _committingSince);
            if (since == 0 && _queue.Reader.TryPeek(out var next))
            {
                since = next.Queued;
            }

            return since == 0 ? TimeSpan.Zero : timeProvider.GetElapsedTime(since);
        }
    }

    /// <summary>Raised (on the writer's thread) for a charge given up: it will never be written.</summary>
    public event Action<PendingCharge>? Abandoned;

    /// <summary>Queues a charge; the task completes when it is durable (or was a duplicate, or refused, or given up).</summary>
    public Task<PostOutcome> CommitAsync(PendingCharge charge)
    {
        var queued = new QueuedCharge(charge, new TaskCompletionSource<PostOutcome>(TaskCreationOptions.RunContinuationsAsynchronously), timeProvider.GetTimestamp());
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(queued))
        {
            Interlocked.Decrement(ref _queued);
            throw new InvalidOperationException("The charge writer has stopped; charges can no longer be recorded.");
        }

        return queued.Done.Task;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        // ExecuteAsync never runs if the host stops before its thread started; what was queued is written here then.
        // Not while it still runs (the host gave up waiting): the queue has one reader.
        if (ExecuteTask is null or { IsCompleted: true } && !_queue.Reader.Completion.IsCompleted)
        {
            await DrainAsync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => DrainAsync();

    /// <summary>Commits what is queued, batch by batch, until the queue is completed and empty.</summary>
    /// <remarks>
    /// Tried and measured worse: a request that finds no commit running committing its own charge on its thread. Under
    /// load the first charge after each batch then went alone, doubling the commits: 106 against 77 µs of CPU per request
    /// (bench/profile.sh). While the writer wakes for the first charge, the next ones gather behind it.
    /// </remarks>
    private async Task DrainAsync()
    {
        var batch = new List<QueuedCharge>(MaxBatch);
        var pending = new List<PendingCharge>(MaxBatch);
        // Drained to the end even when stopping: a charge that was queued is written before the process exits.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
                pending.Add(queued.Charge);
                Interlocked.Decrement(ref _queued);
            }

            Interlocked.Exchange(ref _committingSince, batch.Count > 0 ? batch[0].Queued : 0);
            var outcomes = await CommitWithRetryAsync(pending);
            Interlocked.Exchange(ref _committingSince, 0);
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i] is PostOutcome.Posted)
                {
                    metrics?.Charged(batch[i].Charge.Charge);
                }
                else if (outcomes[i] is PostOutcome.InsufficientFunds)
                {
                    Log.ChargeRefused(logger, batch[i].Charge.Charge.RequestId, batch[i].Charge.Charge.AccountId, outcomes[i].ToString());
                }
                else if (outcomes[i] is PostOutcome.Failed)
                {
                    Abandoned?.Invoke(batch[i].Charge);
                }

                batch[i].Done.TrySetResult(outcomes[i]);
            }

            batch.Clear();
            pending.Clear();
        }
    }

    private async Task<IReadOnlyList<PostOutcome>> CommitWithRetryAsync(List<PendingCharge> pending)
    {
        var delay = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var started = timeProvider.GetTimestamp();
                var outcomes = await store.CommitChargesAsync(pending, CancellationToken.None);
                metrics?.Committed(timeProvider.GetElapsedTime(started));
                return outcomes;
            }
            catch (Exception ex) when (attempt < AttemptsBeforeSplitting || pending.Count == 1 && attempt < AttemptsPerCharge)
            {
                // Charges are money: keep them and keep trying. Each retry is safe, since references make charges idempotent.
                Log.ChargeCommitFailed(logger, pending.Count, ex);
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
                if (await AnswersAsync())
                {
                    Log.ChargeAbandoned(logger, pending[0].Charge.RequestId, pending[0].Charge.AccountId, pending[0].Charge.Total, ex);
                    return [PostOutcome.Failed];
                }

                Log.ChargeAwaitsDatabase(logger, pending[0].Charge.RequestId);
                attempt = 0;
            }

            await Task.Delay(delay, timeProvider, CancellationToken.None);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetry.Ticks));
        }
    }

    /// <summary>Whether the database answers at all: a charge it refuses then is the charge's fault, not an outage's.</summary>
    private async Task<bool> AnswersAsync()
    {
        try
        {
            return await database.IsHealthyAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            return false;
        }
    }

    private sealed record QueuedCharge(PendingCharge Charge, TaskCompletionSource<PostOutcome> Done, long Queued);
}
