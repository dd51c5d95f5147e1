using Microsoft.Extensions.Logging;

namespace Tollway.Gateway.Tests.Platform.Storage;

/// <summary>Keeps the event id of every message logged, for tests of how often something is said.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<int> _events = [];

    /// <summary>The event ids logged, in order.</summary>
    public IReadOnlyList<int> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add(eventId.Id);
        }
    }
}
