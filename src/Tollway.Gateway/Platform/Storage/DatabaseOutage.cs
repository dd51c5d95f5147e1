using Tollway.Gateway.Platform.Diagnostics;

namespace Tollway.Gateway.Platform.Storage;

/// <summary>
/// What the request path knows of the database: a call that fails begins an outage and the next that succeeds ends it,
/// each said once in the log (with how many calls failed between), however many requests meet the outage. Requests
/// that need the database meanwhile are refused with 503 and <c>Retry-After</c> by whoever catches the
/// <see cref="DatabaseUnavailableException"/>, not failed with a 500.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger)
{
    private int _down;
    private long _failed;

    /// <summary>Whether the last call on the request path failed.</summary>
    public bool IsDown => Volatile.Read(ref _down) != 0;

    /// <summary>
    /// Runs one store call. Its failure (anything but the caller's own cancellation) is thrown as a
    /// <see cref="DatabaseUnavailableException"/>; its success ends an outage.
    /// </summary>
    public async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        T result;
        try
        {
            result = await call(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw Failed(ex);
        }

        Answered();
        return result;
    }

    /// <inheritdoc cref="CallAsync{T}(Func{CancellationToken, Task{T}}, CancellationToken)"/>
    public Task CallAsync(Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    private DatabaseUnavailableException Failed(Exception cause)
    {
        Interlocked.Increment(ref _failed);
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.DatabaseUnreachable(logger, cause);
        }

        return new DatabaseUnavailableException(cause);
    }

    private void Answered()
    {
        if (Volatile.Read(ref _down) != 0 && Interlocked.Exchange(ref _down, 0) != 0)
        {
            Log.DatabaseReachableAgain(logger, Interlocked.Exchange(ref _failed, 0));
        }
    }
}
