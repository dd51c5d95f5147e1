using System.Collections.Frozen;

namespace Tollway.Gateway.Upstream.Providers;

/// <summary>The configured providers by name; owns their connection pools.</summary>
public sealed class ProviderRegistry : IDisposable
{
    private readonly FrozenDictionary<string, UpstreamProvider> _providers;

    /// <summary>Creates a registry over the given providers.</summary>
    public ProviderRegistry(IEnumerable<UpstreamProvider> providers) =>
        _providers = providers.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every provider.</summary>
    public IEnumerable<UpstreamProvider> All => _providers.Values;

    /// <summary>Finds a provider by name.</summary>
    public bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UpstreamProvider? provider) =>
        _providers.TryGetValue(name, out provider);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var provider in _providers.Values)
        {
            provider.Dispose();
        }
    }
}
