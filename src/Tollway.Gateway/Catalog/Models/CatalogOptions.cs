namespace Tollway.Gateway.Catalog.Models;

/// <summary>
/// How the shipped catalog combines with the configured models. By default every configured provider brings its
/// preset's shipped models, priced; a model id written under <c>models</c> replaces the shipped model of that id.
/// </summary>
public sealed class CatalogOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Catalog";

    /// <summary>Whether configured providers bring their shipped models (a provider's own <c>shippedModels</c> wins).</summary>
    public bool ShippedModels { get; set; } = true;

    /// <summary>Shipped model ids to leave out, whichever provider ships them.</summary>
    public List<string> Exclude { get; set; } = [];
}
