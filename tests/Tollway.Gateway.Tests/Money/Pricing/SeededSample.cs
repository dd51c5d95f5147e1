using CsCheck;

namespace Tollway.Gateway.Tests.Money.Pricing;

/// <summary>
/// Runs a property over values generated from one fixed seed, in order, on one thread: the same values on every run
/// and every machine. (CsCheck's own <c>Sample</c> takes its seed for the first value only and draws the rest at
/// random.) A failure names the case and the CsCheck seed that generates it alone.
/// </summary>
internal static class SeededSample
{
    public static void Run<T>(Gen<T> gen, Action<T> property, PCG seed, int count) =>
        RunAsync(gen, value =>
        {
            property(value);
            return Task.CompletedTask;
        }, seed, count).GetAwaiter().GetResult();

    public static async Task RunAsync<T>(Gen<T> gen, Func<T, Task> property, PCG seed, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var state = seed.State;
            var value = gen.Generate(seed, null, out _);
            try
            {
                await property(value);
            }
            catch (Exception ex)
            {
                throw new CsCheckException($"Case {i} failed (CsCheck seed \"{seed.ToString(state)}\" generates it): {Check.Print(value)}", ex);
            }
        }
    }
}
