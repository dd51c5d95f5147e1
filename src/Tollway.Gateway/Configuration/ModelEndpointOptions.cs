namespace Tollway.Gateway.Configuration;

/// <summary>One provider serving a model.</summary>
public sealed class ModelEndpointOptions
{
    /// <summary>The configured provider's name.</summary>
    public string Provider { get; set; } = "";

    /// <summary>The provider's own model id (an Azure deployment name); defaults to the public name.</summary>
    public string? Model { get; set; }

    /// <summary>Largest prompt plus output, in tokens.</summary>
    public int? ContextLength { get; set; }

    /// <summary>Largest output, in tokens.</summary>
    public int? MaxOutputTokens { get; set; }

    /// <summary>Share of traffic under the <c>weighted</c> strategy.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>List prices in USD per million tokens, as decimal strings or numbers.</summary>
    public PricingOptions Pricing { get; set; } = new();
}
