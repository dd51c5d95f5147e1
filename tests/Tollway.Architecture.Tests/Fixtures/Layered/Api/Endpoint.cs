namespace Tollway.Fixtures.Layered.Api;

/// <summary>
/// Api → Pipeline only inside an async method, whose body the compiler moves into a state machine of its own: the
/// arrow counts for Api all the same.
/// </summary>
public static class Endpoint
{
    public static async Task<int> HandleAsync(int size)
    {
        await Task.Yield();
        return Pipeline.Stage.Run(size);
    }
}
