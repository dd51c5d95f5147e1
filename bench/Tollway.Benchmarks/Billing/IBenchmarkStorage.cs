using Microsoft.Extensions.DependencyInjection;

namespace Tollway.Benchmarks.Billing;

/// <summary>A database of the benchmark's own, empty until the node migrates it, and deleted afterwards.</summary>
internal interface IBenchmarkStorage : IAsyncDisposable
{
    /// <summary>Registers the backend's stores, as the gateway's storage registration does.</summary>
    void AddTo(IServiceCollection services);
}
