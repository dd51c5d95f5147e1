namespace Tollway.Storage.Tests.Infrastructure;

/// <summary>Runs an action when disposed.</summary>
internal sealed class Release(Func<Task> action) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await action();
}
