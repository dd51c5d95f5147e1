using System.Reflection;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.Health;

/// <summary>The <see cref="ILedgerStore"/> behind a <see cref="GatedCommits"/>: commits wait at the gate, every other
/// call goes through (a <see cref="SwitchedService{T}"/> whose switch never goes down).</summary>
public class GatedLedgerStore : SwitchedService<ILedgerStore>
{
    private ILedgerStore _real = null!;
    private GatedCommits _commits = null!;

    internal void Connect(ILedgerStore real, GatedCommits commits)
    {
        Connect(real, new DatabaseSwitch());
        _real = real;
        _commits = commits;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod!.Name == nameof(ILedgerStore.CommitChargesAsync) && _commits.Gate is { } gate
            ? CommitAfterAsync(gate, (IReadOnlyList<PendingCharge>)args![0]!, (CancellationToken)args[1]!)
            : base.Invoke(targetMethod, args);

    private async Task<IReadOnlyList<PostOutcome>> CommitAfterAsync(Task gate, IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await gate;
        return await _real.CommitChargesAsync(charges, cancellationToken);
    }
}
