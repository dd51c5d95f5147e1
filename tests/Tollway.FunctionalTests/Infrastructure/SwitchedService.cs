using System.Reflection;
using System.Runtime.ExceptionServices;

namespace Tollway.FunctionalTests.Infrastructure;

/// <summary>
/// A stand-in for any store interface whose asynchronous calls fail while its <see cref="DatabaseSwitch"/> is down
/// (with the exception a database that cannot be reached gives), and reach the real store otherwise.
/// </summary>
/// <typeparam name="T">The store's interface.</typeparam>
public class SwitchedService<T> : DispatchProxy
    where T : class
{
    private static readonly MethodInfo FromException = typeof(Task).GetMethods()
        .Single(m => m.Name == nameof(Task.FromException) && m.IsGenericMethodDefinition);

    private T _real = null!;
    private DatabaseSwitch _switch = null!;

    /// <summary>Puts the real store behind <paramref name="databaseSwitch"/> (once, as the proxy is made).</summary>
    internal void Connect(T real, DatabaseSwitch databaseSwitch)
    {
        _real = real;
        _switch = databaseSwitch;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var method = targetMethod!;
        if (_switch.Down)
        {
            var unreachable = new InvalidOperationException("The database cannot be reached (the test's switch is down).");
            return method.ReturnType == typeof(Task) ? Task.FromException(unreachable)
                : method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                    ? FromException.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [unreachable])
                    : throw unreachable;
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
}
