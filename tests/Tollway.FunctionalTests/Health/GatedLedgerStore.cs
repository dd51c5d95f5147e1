using System.Reflection;
using System.Runtime.ExceptionServices;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.Health;

/// <summary>The <see cref="ILedgerStore"/> behind a <see cref="GatedCommits"/>.</summary>
public class GatedLedgerStore : DispatchProxy
{
    private ILedgerStore _real = null!;
    private GatedCommits _commits = null!;

    internal void Connect(ILedgerStore real, GatedCommits commits)
    {
        _real = real;
        _commits = commits;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        if (method.Name == nameof(ILedgerStore.CommitChargesAsync) && _commits.Gate is { } gate)
        {
            return CommitAfterAsync(gate, (IReadOnlyList<PendingCharge>)args![0]!, (CancellationToken)args[1]!);
        }

        try
        {
            return method.Invoke(_real, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }

    private async Task<IReadOnlyList<PostOutcome>> CommitAfterAsync(Task gate, IReadOnlyList<PendingCharge> charges, CancellationToken cancellationToken)
    {
        await gate;
        return await _real.CommitChargesAsync(charges, cancellationToken);
    }
}
