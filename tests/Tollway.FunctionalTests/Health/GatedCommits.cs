using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tollway.FunctionalTests.Infrastructure;
using Tollway.Gateway.Money.Ledger;

namespace Tollway.FunctionalTests.Health;

/// <summary>Holds the charge writer's commits back while <see cref="Close"/>d, as a database that takes no writes would,
/// and lets everything else through: leases and holds work, charges wait.</summary>
public sealed class GatedCommits
{
    private volatile TaskCompletionSource? _gate;

    /// <summary>Commits from now on wait until <see cref="Open"/>.</summary>
    public void Close() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets the waiting commits and every later one through.</summary>
    public void Open() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

    internal Task? Gate => _gate?.Task;

    /// <summary>Puts the gate in front of the registered <see cref="ILedgerStore"/>.</summary>
    internal void Decorate(IServiceCollection services)
    {
        var real = services.Last(d => d.ServiceType == typeof(ILedgerStore));
        services.Replace(ServiceDescriptor.Singleton(sp =>
        {
            var proxy = DispatchProxy.Create<ILedgerStore, GatedLedgerStore>();
            ((GatedLedgerStore)(object)proxy).Connect(DatabaseSwitch.Resolve<ILedgerStore>(sp, real), this);
            return proxy;
        }));
    }
}
