namespace Tollway.Gateway.Catalog.Models;

/// <summary>The config names of <see cref="EndpointDataPolicy"/> values.</summary>
public static class EndpointDataPolicies
{
    /// <summary>The names a config may use.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zero-retention", "no-training", "trains"];

    /// <summary>The policy named in config; <see cref="EndpointDataPolicy.Unknown"/> when unset.</summary>
    public static EndpointDataPolicy Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "zero-retention" => EndpointDataPolicy.ZeroRetention,
        "no-training" => EndpointDataPolicy.NoTraining,
        "trains" => EndpointDataPolicy.Trains,
        _ => EndpointDataPolicy.Unknown,
    };
}
