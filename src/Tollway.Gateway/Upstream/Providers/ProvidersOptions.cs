namespace Tollway.Gateway.Upstream.Providers;

/// <summary>The upstream providers under <c>Providers</c>, by the name the operator gives each (any case).</summary>
public sealed class ProvidersOptions : Dictionary<string, ProviderOptions>
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Providers";

    /// <summary>No provider yet.</summary>
    public ProvidersOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}
