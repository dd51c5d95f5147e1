namespace Tollway.Gateway.Catalog.Models;

/// <summary>A public model name and the endpoints that serve it.</summary>
public sealed class ModelOptions
{
    /// <summary><c>chat</c> (chat and text completions) or <c>embedding</c>.</summary>
    public string Type { get; set; } = ModelTypes.Chat;

    /// <summary>Other names clients may use for this model (<c>gpt-4o-mini-latest</c>); billed and listed under the id.</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>A human name for listings; defaults to the model id.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A sentence for listings.</summary>
    public string? Description { get; set; }

    /// <summary>How endpoints are ordered for each request: <c>cheapest</c> (default), <c>latency</c>, <c>throughput</c>,
    /// <c>weighted</c> or <c>ordered</c> (as listed). Endpoints whose circuit is open go last, never out.</summary>
    public string Strategy { get; set; } = "cheapest";

    /// <summary>The endpoints that serve this model, in order of preference.</summary>
    public List<ModelEndpointOptions> Endpoints { get; set; } = [];
}
