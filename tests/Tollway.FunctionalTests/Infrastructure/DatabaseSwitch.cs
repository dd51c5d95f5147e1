using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// Cuts the gateway off from its database on demand: the stores it is put in front of (<see cref="Decorate{T}"/>)
/// fail every call while <see cref="Down"/> is set, as a database that cannot be reached fails them, and pass every
/// call to the real store otherwise.
/// </summary>
public sealed class DatabaseSwitch
{
    private volatile bool _down;

    /// <summary>Whether the database cannot be reached.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Puts the switch in front of the registered <typeparamref name="T"/> (a singleton).</summary>
    public void Decorate<T>(IServiceCollection services)
        where T : class
    {
        var real = services.Last(d => d.ServiceType == typeof(T));
        services.Replace(ServiceDescriptor.Singleton<T>(sp => Wrap(Resolve<T>(sp, real))));
    }

    private T Wrap<T>(T real)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, SwitchedService<T>>();
        ((SwitchedService<T>)(object)proxy).Connect(real, this);
        return proxy;
    }

    /// <summary>The service <paramref name="real"/> registers, made as the container would.</summary>
    internal static T Resolve<T>(IServiceProvider services, ServiceDescriptor real) =>
        (T)(real.ImplementationInstance
            ?? real.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, real.ImplementationType!));
}
