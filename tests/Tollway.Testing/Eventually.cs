namespace Tollway.Testing;

/// <summary>
/// Bounded polling of real background work (a batched writer, a chain watcher, a mined receipt), with a wall-clock
/// deadline. One helper instead of a hand-written loop per test, so every wait has the same shape and a message that
/// says what never happened. Not for waiting on time: tests drive time with <c>FakeTimeProvider</c>.
/// </summary>
public static class Eventually
{
    /// <summary>How long a poll waits by default before it gives up.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="probe"/> until it returns a value; throws <see cref="TimeoutException"/> naming <paramref name="what"/> at the deadline.</summary>
    public static Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, CancellationToken cancellationToken = default)
        where T : class =>
        ValueAsync(probe, what, DefaultTimeout, cancellationToken);

    /// <summary>As <see cref="ValueAsync{T}(Func{Task{T}}, string, CancellationToken)"/>, with its own deadline.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan timeout, CancellationToken cancellationToken = default)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:0.#} s.");
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> at the deadline.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken = default) =>
        ValueAsync(async () => await condition() ? what : null, what, cancellationToken);

    /// <summary>Polls a synchronous <paramref name="condition"/> (a counter bumped by another thread) until it holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, CancellationToken cancellationToken = default) =>
        TrueAsync(() => Task.FromResult(condition()), what, cancellationToken);
}
