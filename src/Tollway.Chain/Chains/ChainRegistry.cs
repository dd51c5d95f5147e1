using Microsoft.Extensions.Options;

namespace Tollway.Chain.Chains;

/// <summary>The enabled chains, resolved once at start (after validation, so building them cannot fail).</summary>
public sealed class ChainRegistry
{
    private readonly Dictionary<long, ChainSettings> _byId;

    /// <summary>Resolves the configured chains.</summary>
    public ChainRegistry(IOptions<ChainsOptions> options)
        : this(Build(options.Value))
    {
    }

    /// <summary>A registry of given chains (tests).</summary>
    public ChainRegistry(IReadOnlyList<ChainSettings> chains)
    {
        All = chains;
        _byId = chains.ToDictionary(c => c.ChainId);
    }

    /// <summary>Every enabled chain, in config order.</summary>
    public IReadOnlyList<ChainSettings> All { get; }

    /// <summary>The chain with that id, or <see langword="null"/>.</summary>
    public ChainSettings? Find(long chainId) => _byId.GetValueOrDefault(chainId);

    /// <summary>The chain of that config name (any case), or <see langword="null"/>.</summary>
    public ChainSettings? FindByName(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    private static List<ChainSettings> Build(ChainsOptions options)
    {
        var errors = new List<string>();
        var chains = new List<ChainSettings>();
        foreach (var (name, chain) in options.Where(c => c.Value.Enabled))
        {
            if (ChainSettingsResolver.Resolve(name, chain, errors) is { } settings)
            {
                chains.Add(settings);
            }
        }

        return errors.Count == 0 ? chains : throw new OptionsValidationException(ChainsOptions.Section, typeof(ChainsOptions), errors);
    }
}
