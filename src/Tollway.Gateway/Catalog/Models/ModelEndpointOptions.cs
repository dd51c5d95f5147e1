namespace Tollway.Gateway.Catalog.Models;

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

    /// <summary>What the provider does with prompts: <c>zero-retention</c> (keeps nothing), <c>no-training</c> (keeps them
    /// for a while, e.g. abuse monitoring, never trains on them), <c>trains</c>. Unset counts as unknown: such an
    /// endpoint never serves a request that asks for <c>data_collection: deny</c> or <c>zdr</c>.</summary>
    public string? DataPolicy { get; set; }

    /// <summary>Whether the endpoint takes <c>tools</c>; <see langword="false"/> keeps tool requests away from it.</summary>
    public bool? SupportsTools { get; set; }

    /// <summary>Whether it takes image parts; <see langword="false"/> keeps requests with images away from it.</summary>
    public bool? SupportsVision { get; set; }

    /// <summary>Whether it honours <c>response_format: json_schema</c>.</summary>
    public bool? SupportsJsonSchema { get; set; }

    /// <summary>Whether the model may spend reasoning tokens it does not show. Unset counts as "it may": a stream abandoned
    /// without the provider's usage (its client left, or the total timeout passed) is then billed as if hidden reasoning
    /// filled its maximum output.</summary>
    public bool? SupportsReasoning { get; set; }

    /// <summary>Share of traffic under the <c>weighted</c> strategy.</summary>
    public int Weight { get; set; } = 1;

    /// <summary>List prices in USD per million tokens, as decimal strings or numbers.</summary>
    public PricingOptions Pricing { get; set; } = new();
}
