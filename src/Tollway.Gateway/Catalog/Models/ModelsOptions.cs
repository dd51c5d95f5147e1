namespace Tollway.Gateway.Catalog.Models;

/// <summary>The configured models under <c>Models</c>, by public model id (case matters, as in requests).</summary>
public sealed class ModelsOptions : Dictionary<string, ModelOptions>
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Models";

    /// <summary>No model yet.</summary>
    public ModelsOptions()
        : base(StringComparer.Ordinal)
    {
    }
}
